package org.xfer4j.bench.training;

import ai.onnxruntime.OnnxTensor;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.xfer4j.api.Device;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.importer.tfjs.TfjsModelSource;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.training.autodiff.Optimizer;
import org.xfer4j.training.autodiff.TrainingStep;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.training.TrainingSession;

/**
 * Training-step throughput (samples/s) of Xfer4j's ONNX training graph against PyTorch 1.13 on the same network
 * ({@link BenchNet}), batch, input size and thread count, one after the other in one run; also the peak resident
 * memory of this JVM. With {@code mobilenet-v2} as first argument: the imported nsfwjs MobileNetV2 (224x224, all
 * 2.3M parameters trained) against torchvision's MobileNetV2 (same body, a plain 5-way head).
 * Usage: {@code bench/run.sh org.xfer4j.bench.training.TrainingStepBench [size|mobilenet-v2 batch steps]}.
 */
public final class TrainingStepBench {

    private static final int THREADS = 2;

    private TrainingStepBench() {
    }

    /** Entry point; prints both throughputs and their ratio. */
    public static void main(String[] args) throws Exception {
        boolean mobilenet = args.length > 0 && args[0].equals("mobilenet-v2");
        int size = mobilenet ? 224 : args.length > 0 ? Integer.parseInt(args[0]) : 96;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        ProviderContext context = new ProviderContext(ProviderContext.defaults().cacheDir(), Device.CPU, THREADS, 1,
                Progress.NONE);
        OnnxGraph net;
        if (mobilenet) {
            try (SourceModel m = new TfjsModelSource().open("mobilenet-v2", context)) {
                net = OnnxGraph.load(m.onnxFile());
            }
        } else {
            net = BenchNet.build(size);
        }
        String input = net.inputNames().getFirst();
        TrainingStep step = TrainingStep.of(net).optimizer(new Optimizer.Sgd(0.9, 0)).build();
        Random rng = new Random(0);
        float[] x = new float[batch * 3 * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        long[] y = new long[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = rng.nextInt(mobilenet ? 5 : 10);
        }
        int rounds = mobilenet ? 1 : 3;
        double[] ours = new double[rounds];
        double[] reference = new double[rounds];
        try (TrainingSession session = new TrainingSession(step, context);
                OnnxTensor xt = OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(x),
                        new long[] {batch, 3, size, size});
                OnnxTensor yt = OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(y),
                        new long[] {batch})) {
            Map<String, Double> lr = Map.of("default", 0.01);
            for (int i = 0; i < Math.min(3, steps); i++) {
                session.run(Map.of(input, xt), yt, lr);
            }
            // alternate the contestants, so load from other processes on the machine hits both alike
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    session.run(Map.of(input, xt), yt, lr);
                }
                ours[r] = (double) batch * steps / ((System.nanoTime() - t0) / 1e9);
                reference[r] = torch(mobilenet ? "mobilenet-v2" : Integer.toString(size), batch, steps);
            }
        }
        System.out.printf((mobilenet ? "MobileNetV2 (nsfwjs import vs torchvision, heads differ)" : "BenchNet")
                + " %dx%d, batch %d, %d threads, %d timed steps after %d warm-up%n", size, size, batch,
                THREADS, steps, Math.min(3, steps));
        double o = median(ours);
        double t = median(reference);
        System.out.printf("Xfer4j (ONNX Runtime 1.29): %.1f samples/s (median of %d alternating rounds)%n", o, rounds);
        System.out.printf("PyTorch 1.13:               %.1f samples/s%n", t);
        System.out.printf("ratio Xfer4j / PyTorch:     %.2f%n", o / t);
        System.out.printf("peak resident memory of the JVM: %s%n", peakRss());
    }

    /** Samples/s of the PyTorch script (a fresh process; its import time is not counted). */
    private static double torch(String net, int batch, int steps) throws Exception {
        Process torch = new ProcessBuilder("/usr/bin/python3", "bench/training/torch_step.py", net,
                Integer.toString(batch), Integer.toString(steps), Integer.toString(THREADS)).redirectErrorStream(true)
                .start();
        String out = new String(torch.getInputStream().readAllBytes()).trim();
        if (torch.waitFor() != 0) {
            throw new IllegalStateException("PyTorch reference failed: " + out);
        }
        return Double.parseDouble(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    /** VmHWM of this process (Linux), e.g. "812 MB". */
    static String peakRss() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return (kb / 1024) + " MB";
            }
        }
        return "unknown";
    }
}
