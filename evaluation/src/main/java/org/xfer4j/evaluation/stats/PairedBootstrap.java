package org.xfer4j.evaluation.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A percentile bootstrap confidence interval of the mean paired difference: pairs are resampled with replacement,
 * seeded, so the interval is reproducible.
 *
 * @param mean the observed mean difference
 * @param lower lower end of the 95 % interval
 * @param upper upper end of the 95 % interval
 */
public record PairedBootstrap(double mean, double lower, double upper) {

    /** Resamples drawn. */
    public static final int RESAMPLES = 2000;

    /** The interval of the mean of {@code differences}. */
    public static PairedBootstrap of(double[] differences, long seed) {
        int n = differences.length;
        double mean = Arrays.stream(differences).average().orElse(Double.NaN);
        if (n < 2) {
            return new PairedBootstrap(mean, mean, mean);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] means = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += differences[rng.nextInt(n)];
            }
            means[b] = s / n;
        }
        Arrays.sort(means);
        return new PairedBootstrap(mean, means[(int) (0.025 * RESAMPLES)], means[(int) (0.975 * RESAMPLES) - 1]);
    }

    /** Whether the interval excludes zero. */
    public boolean excludesZero() {
        return lower > 0 || upper < 0;
    }
}
