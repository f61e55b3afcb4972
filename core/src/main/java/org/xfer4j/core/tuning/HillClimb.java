package org.xfer4j.core.tuning;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Local refinement without derivatives: Gaussian steps around the best point so far, kept when they improve, the step
 * radius halved after a run of failures. Seeded, so deterministic; stays inside a box.
 */
final class HillClimb {

    private final double[] lower;
    private final double[] upper;
    private final int steps;

    /** A climb inside [lower, upper] spending {@code steps} evaluations beyond the start. */
    HillClimb(double[] lower, double[] upper, int steps) {
        this.lower = lower;
        this.upper = upper;
        this.steps = steps;
    }

    /** The best point found from {@code start}, whose value is {@code startValue}; radius is relative to the box. */
    Result maximise(ToDoubleFunction<double[]> f, double[] start, double startValue, double radius,
            SplittableRandom random) {
        double[] best = start.clone();
        double bestValue = startValue;
        double r = radius;
        int failures = 0;
        for (int s = 0; s < steps; s++) {
            double[] trial = new double[best.length];
            for (int d = 0; d < best.length; d++) {
                double step = r * (upper[d] - lower[d]) * gaussian(random);
                trial[d] = Math.min(upper[d], Math.max(lower[d], best[d] + step));
            }
            double value = f.applyAsDouble(trial);
            if (value > bestValue) {
                best = trial;
                bestValue = value;
                failures = 0;
            } else if (++failures >= 2 * best.length + 2) {
                r /= 2;
                failures = 0;
            }
        }
        return new Result(best, bestValue);
    }

    /** A point and its value. */
    record Result(double[] point, double value) {
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian of its own before Java 17's RandomGenerator default
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
