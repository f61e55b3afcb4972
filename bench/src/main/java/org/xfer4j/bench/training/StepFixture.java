package org.xfer4j.bench.training;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.Random;
import org.xfer4j.api.Device;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.importer.tfjs.TfjsModelSource;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.training.autodiff.Optimizer;
import org.xfer4j.training.autodiff.TrainingStep;

/**
 * What the training benchmarks share: the network (BenchNet at a size, or the imported MobileNetV2), its training
 * step (SGD with momentum 0.9, every parameter, batch norm with fixed statistics) and one seeded random batch.
 *
 * @param net    the forward graph
 * @param step   its training step
 * @param input  the graph's data input
 * @param x      the batch, [batch, 3, size, size]
 * @param y      its labels, [batch]
 * @param size   the image side
 * @param classes the head's classes
 */
record StepFixture(OnnxGraph net, TrainingStep step, String input, OnnxTensor x, OnnxTensor y, int size,
                   int classes) implements AutoCloseable {

    /** Intra-op threads of every contestant: the machine's two cores. */
    static final int THREADS = 2;

    /** The learning rates the step is run with. */
    static final Map<String, Double> RATES = Map.of("default", 0.01);

    /** {@code mobilenet-v2}, or BenchNet at the side {@code which}; a batch of {@code batch}. */
    static StepFixture of(String which, int batch) throws OrtException {
        boolean mobilenet = which.equals("mobilenet-v2");
        int size = mobilenet ? 224 : Integer.parseInt(which);
        OnnxGraph net;
        if (mobilenet) {
            try (SourceModel m = new TfjsModelSource().open("mobilenet-v2", context())) {
                net = OnnxGraph.load(m.onnxFile());
            }
        } else {
            net = BenchNet.build(size);
        }
        int classes = mobilenet ? 5 : 10;
        TrainingStep step = TrainingStep.of(net).optimizer(new Optimizer.Sgd(0.9, 0)).build();
        Random rng = new Random(0);
        float[] x = new float[batch * 3 * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        long[] y = new long[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = rng.nextInt(classes);
        }
        OnnxTensor xt = OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(x),
                new long[] {batch, 3, size, size});
        OnnxTensor yt = OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(y), new long[] {batch});
        return new StepFixture(net, step, net.inputNames().getFirst(), xt, yt, size, classes);
    }

    /** The default cache, the CPU, {@link #THREADS} threads. */
    static ProviderContext context() {
        return new ProviderContext(ProviderContext.defaults().cacheDir(), Device.CPU, THREADS, 1, Progress.NONE);
    }

    /**
     * The same step without folding batch norm and zero padding into the convolutions (the step graph as it was
     * before issue 14's rewrite), for side-by-side runs.
     */
    TrainingStep unfoldedStep() {
        return TrainingStep.of(net).optimizer(new Optimizer.Sgd(0.9, 0)).foldIntoConvolutions(false).build();
    }

    /** The batch as the step's data feed. */
    Map<String, OnnxTensor> feed() {
        return Map.of(input, x);
    }

    @Override
    public void close() {
        x.close();
        y.close();
    }
}
