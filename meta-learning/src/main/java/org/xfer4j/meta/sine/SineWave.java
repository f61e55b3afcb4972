package org.xfer4j.meta.sine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.TargetDataset;
import org.xfer4j.api.data.Tensor;

/** One sine wave y = amplitude * sin(x + phase): one regression task. */
public record SineWave(double amplitude, double phase) {

    /** The wave's value at {@code x}. */
    public double value(double x) {
        return amplitude * Math.sin(x + phase);
    }

    /** {@code n} points with x drawn uniformly from [lo, hi), as samples "x" [1] with targets [1]. */
    public TargetDataset points(RandomGenerator random, int n, double lo, double hi) {
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = lo + (hi - lo) * random.nextDouble();
        }
        return at(xs);
    }

    /** The points at {@code xs}. */
    public TargetDataset at(double[] xs) {
        List<Sample> samples = new ArrayList<>();
        float[][] targets = new float[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            samples.add(new Sample.Tensors(Map.of(SineWaves.INPUT, Tensor.ofFloats(new float[] {(float) xs[i]}, 1))));
            targets[i] = new float[] {(float) value(xs[i])};
        }
        return TargetDataset.of("sine(A=" + String.format("%.2f", amplitude) + ", phase="
                + String.format("%.2f", phase) + ")", samples, targets);
    }
}
