package org.xfer4j.bench.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.xfer4j.bench.timing.Contest;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.training.TrainingSession;

/**
 * Training-step throughput (samples/s) of Xfer4j's ONNX training graph against PyTorch 1.13 on the same network
 * ({@link BenchNet}), batch, input size and thread count, with each side's forward pass alone beside it (so a step
 * reads as a number of forward passes), contestants alternating in one run; also the peak resident memory of this
 * JVM. With {@code mobilenet-v2} as first argument: the imported nsfwjs MobileNetV2 (224x224, all 2.3M parameters
 * trained) against torchvision's MobileNetV2 (same body, a plain 5-way head) in PyTorch 1.13 and, as the Java
 * anchor, in DJL 0.36 with its PyTorch 2.7.1 engine ({@link DjlMobileNet}).
 * With {@code -Dunfolded=true} one more contestant: Xfer4j's step without folding batch norm and zero padding into
 * the convolutions (another training session in this JVM).
 * Usage: {@code bench/run.sh org.xfer4j.bench.training.TrainingStepBench [size|mobilenet-v2 batch steps rounds]}.
 */
public final class TrainingStepBench {

    private static final String OURS_FORWARD = "Xfer4j forward (ONNX Runtime 1.29 inference session)";
    private static final String OURS_STEP = "Xfer4j training step (ONNX Runtime 1.29)";
    private static final String OURS_UNFOLDED = "Xfer4j training step, batch norm and pads not folded";
    private static final String TORCH_FORWARD = "PyTorch 1.13 forward (no_grad)";
    private static final String TORCH_STEP = "PyTorch 1.13 training step";
    private static final String DJL_FORWARD = "DJL 0.36 / PyTorch 2.7.1 forward (TorchScript)";
    private static final String DJL_STEP = "DJL 0.36 / PyTorch 2.7.1 training step";

    private TrainingStepBench() {
    }

    /** Entry point; prints every contestant's throughput and the ratios. */
    public static void main(String[] args) throws Exception {
        boolean mobilenet = args.length > 0 && args[0].equals("mobilenet-v2");
        String which = args.length > 0 ? args[0] : "96";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String loadBefore = Contest.load();
        Map<String, Contest.Result> results;
        int size;
        DjlMobileNet djl = null;
        String djlFailure = null;
        TrainingSession unfolded = null;
        try (StepFixture f = StepFixture.of(which, batch);
                TrainingSession session = new TrainingSession(f.step(), StepFixture.context());
                OrtModelSession inference = OrtRuntime.open(f.net().toBytes(), "forward", StepFixture.context())) {
            size = f.size();
            if (mobilenet) {
                try {
                    djl = DjlMobileNet.open(Path.of("bench/target/djl"), batch, f.classes(), StepFixture.THREADS);
                } catch (IllegalStateException e) {
                    djlFailure = e.getMessage();
                }
            }
            Contest contest = new Contest();
            contest.add(OURS_FORWARD, repeat(steps, () -> OrtRuntime.onOrtThread(() -> {
                inference.session().run(f.feed()).close();
                return Double.NaN;
            })));
            contest.add(OURS_STEP, repeat(steps, () -> session.run(f.feed(), f.y(), StepFixture.RATES).loss()));
            if (Boolean.getBoolean("unfolded")) {
                TrainingSession u = new TrainingSession(f.unfoldedStep(), StepFixture.context());
                unfolded = u;
                contest.add(OURS_UNFOLDED, repeat(steps, () -> u.run(f.feed(), f.y(), StepFixture.RATES).loss()));
            }
            contest.addExternal(TORCH_FORWARD, () -> batch * steps / torch(which, batch, steps, "forward"));
            contest.addExternal(TORCH_STEP, () -> batch * steps / torch(which, batch, steps, "step"));
            if (djl != null) {
                DjlMobileNet d = djl;
                contest.add(DJL_FORWARD, repeat(steps, d::forward));
                contest.add(DJL_STEP, repeat(steps, d::step));
            }
            // warm-up: three of each (sessions plan memory, TorchScript optimises its graph on the first runs)
            for (int i = 0; i < 3; i++) {
                session.run(f.feed(), f.y(), StepFixture.RATES);
                if (unfolded != null) {
                    unfolded.run(f.feed(), f.y(), StepFixture.RATES);
                }
                OrtRuntime.onOrtThread(() -> {
                    inference.session().run(f.feed()).close();
                    return null;
                });
                if (djl != null) {
                    djl.forward();
                    djl.step();
                }
            }
            results = contest.run(rounds);
        } finally {
            if (djl != null) {
                djl.close();
            }
            if (unfolded != null) {
                unfolded.close();
            }
        }
        System.out.printf((mobilenet ? "MobileNetV2 (nsfwjs import; PyTorch and DJL: torchvision's, heads differ)"
                : "BenchNet") + " %dx%d, batch %d, %d threads, %d timed steps per round after 3 warm-up, %d rounds"
                + " (order rotating); load %s -> %s%n", size, size, batch, StepFixture.THREADS, steps, rounds,
                loadBefore, Contest.load());
        System.out.println("| contestant | samples/s (median) | samples/s (best round) | samples per CPU-second"
                + " | rounds (s) |");
        System.out.println("|---|---|---|---|---|");
        double samples = (double) batch * steps;
        for (Contest.Result r : results.values()) {
            System.out.printf("| %s | %.1f | %.1f | %s | %s |%n", r.name(), samples / r.wallMedian(),
                    samples / r.wallBest(), Double.isNaN(r.cpuMedian()) ? "-"
                            : String.format("%.1f", samples / r.cpuMedian()), r.rounds());
        }
        ratio(results, OURS_STEP, OURS_FORWARD, "Xfer4j: a training step costs %s forward passes");
        ratio(results, OURS_UNFOLDED, OURS_FORWARD, "Xfer4j, not folded: a training step costs %s forward passes");
        ratio(results, OURS_UNFOLDED, OURS_STEP, "Xfer4j training step, folded / not folded samples/s: %s");
        ratio(results, TORCH_STEP, TORCH_FORWARD, "PyTorch 1.13: a training step costs %s forward passes");
        ratio(results, DJL_STEP, DJL_FORWARD, "DJL: a training step costs %s forward passes");
        ratio(results, TORCH_STEP, OURS_STEP, "training step, Xfer4j / PyTorch 1.13 samples/s: %s");
        ratio(results, DJL_STEP, OURS_STEP, "training step, Xfer4j / DJL samples/s: %s");
        ratio(results, TORCH_FORWARD, OURS_FORWARD, "forward, Xfer4j / PyTorch 1.13 samples/s: %s");
        ratio(results, DJL_FORWARD, OURS_FORWARD, "forward, Xfer4j / DJL samples/s: %s");
        if (djlFailure != null) {
            System.out.println("DJL contestants left out: " + djlFailure);
        }
        System.out.printf("peak resident memory of the JVM: %s%n", peakRss());
    }

    /** {@code work} {@code times} times as one contestant's round. */
    private static Contest.Work repeat(int times, Contest.Work work) {
        return () -> {
            for (int i = 0; i < times; i++) {
                work.run();
            }
            return Double.NaN;
        };
    }

    /** Prints the time of {@code a} over that of {@code b} (median rounds, best rounds) into {@code format}. */
    private static void ratio(Map<String, Contest.Result> results, String a, String b, String format) {
        if (results.containsKey(a) && results.containsKey(b)) {
            System.out.println(String.format(format, String.format("%.2f (median rounds), %.2f (best rounds)",
                    results.get(a).wallMedian() / results.get(b).wallMedian(),
                    results.get(a).wallBest() / results.get(b).wallBest())));
        }
    }

    /** Samples/s of the PyTorch script (a fresh process; its import time is not counted). */
    private static double torch(String net, int batch, int steps, String mode) throws Exception {
        Process torch = new ProcessBuilder("/usr/bin/python3", "bench/training/torch_step.py", net,
                Integer.toString(batch), Integer.toString(steps), Integer.toString(StepFixture.THREADS), mode)
                .redirectErrorStream(true).start();
        String out = new String(torch.getInputStream().readAllBytes()).trim();
        if (torch.waitFor() != 0) {
            throw new IllegalStateException("PyTorch reference failed: " + out);
        }
        return Double.parseDouble(out.lines().reduce((a, b) -> b).orElseThrow());
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
