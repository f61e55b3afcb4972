package org.xfer4j.meta.eval;

/**
 * A mean over independent draws (such as test episodes) with the half-width of its 95 % confidence interval under
 * the normal approximation, 1.96 standard errors.
 */
public record MeanInterval(double mean, double halfWidth, int count) {

    /** The mean and interval of {@code values}; a single value has an interval of 0. */
    public static MeanInterval of(double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        if (n < 2) {
            return new MeanInterval(mean, 0, n);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return new MeanInterval(mean, 1.96 * Math.sqrt(ss / (n - 1) / n), n);
    }

    /** "mean ± half-width" with {@code digits} decimals. */
    public String format(int digits) {
        return String.format(java.util.Locale.ROOT, "%." + digits + "f ± %." + digits + "f", mean, halfWidth);
    }
}
