package org.xfer4j.core.tuning;

/** The standard normal density and distribution function. */
final class Normal {

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Normal() {
    }

    static double pdf(double z) {
        return INV_SQRT_2PI * Math.exp(-z * z / 2);
    }

    /** Φ(z) through erfc, by the Chebyshev fit of Numerical Recipes (relative error below 1.2e-7). */
    static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
