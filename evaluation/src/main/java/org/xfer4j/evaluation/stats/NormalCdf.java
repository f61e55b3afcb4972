package org.xfer4j.evaluation.stats;

/** The standard normal distribution function and the t quantiles confidence intervals use. */
final class NormalCdf {

    /** Two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom. */
    private static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
        2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
        2.048, 2.045, 2.042};

    private NormalCdf() {
    }

    /** Phi(z) by the Abramowitz-Stegun 7.1.26 erf approximation (absolute error below 1.5e-7). */
    static double phi(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /** The two-sided 95 % t quantile for {@code df} degrees of freedom (1.96 beyond 30). */
    static double t95(int df) {
        return df < 1 ? Double.NaN : df <= T95.length ? T95[df - 1] : 1.96;
    }
}
