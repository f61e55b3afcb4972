package org.xfer4j.meta.sine;

import java.util.List;
import java.util.random.RandomGenerator;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.DType;
import org.xfer4j.api.meta.LossKind;
import org.xfer4j.api.meta.Task;
import org.xfer4j.api.meta.TaskDistribution;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.meta.nets.Nets;
import org.xfer4j.runtime.onnx.graph.LayerSpec.ActivationKind;
import org.xfer4j.runtime.onnx.model.TensorsPreprocessor;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * Sine-wave regression tasks as in the MAML and Reptile papers: amplitude ~ U(0.1, 5), phase ~ U(0, 2 pi); support
 * points with x ~ U(supportLo, supportHi), query points with x ~ U(-5, 5); squared error.
 *
 * @param support points to adapt on
 * @param query points to score on
 * @param supportLo lower end of the support x range (-5, or 0 for the robustness protocol)
 * @param supportHi upper end of the support x range
 */
public record SineWaves(int support, int query, double supportLo, double supportHi) implements TaskDistribution {

    /** The input name of the sine net and its samples. */
    public static final String INPUT = Nets.INPUT;
    /** The x range of the query points and of the classic support points. */
    public static final double X_MAX = 5;

    public SineWaves {
        if (support < 1 || query < 0) {
            throw new InvalidOptionException("sine tasks need >= 1 support and >= 0 query points, got " + support
                    + " and " + query);
        }
        if (!(supportLo < supportHi)) {
            throw new InvalidOptionException("sine support range [" + supportLo + ", " + supportHi + ") is empty");
        }
    }

    /** The classic distribution: {@code support} and {@code query} points from U(-5, 5). */
    public static SineWaves of(int support, int query) {
        return new SineWaves(support, query, -X_MAX, X_MAX);
    }

    /** Draws one wave. */
    public static SineWave wave(RandomGenerator random) {
        return new SineWave(0.1 + 4.9 * random.nextDouble(), 2 * Math.PI * random.nextDouble());
    }

    @Override
    public String name() {
        return "sine(" + support + "+" + query + ")";
    }

    @Override
    public Task sample(RandomGenerator random) {
        SineWave w = wave(random);
        return new Task(w.points(random, support, supportLo, supportHi), w.points(random, query, -X_MAX, X_MAX));
    }

    @Override
    public LossKind lossKind() {
        return LossKind.SQUARED_ERROR;
    }

    /** The 1-64-64-1 tanh net with Xavier initialisation, seeded. */
    public static org.xfer4j.runtime.onnx.graph.OnnxGraph net(long seed) {
        return Nets.mlp(new int[] {1, 64, 64, 1}, ActivationKind.TANH, seed);
    }

    /** {@code net} as a squared-error model over sine points. */
    public static OnnxDifferentiableModel model(org.xfer4j.runtime.onnx.graph.OnnxGraph net, ProviderContext context) {
        return new OnnxDifferentiableModel(net, new TensorsPreprocessor("sine net",
                List.of(new InputSpec(INPUT, DType.FLOAT32, List.of(1L)))), LossKind.SQUARED_ERROR, context);
    }
}
