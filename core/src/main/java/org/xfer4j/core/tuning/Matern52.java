package org.xfer4j.core.tuning;

/**
 * The Matérn 5/2 kernel with one lengthscale per dimension (ARD): σ² (1 + √5 r + 5r²/3) exp(−√5 r), r the
 * lengthscale-scaled distance. Twice differentiable: smooth enough for objectives, rougher than the RBF kernel's
 * infinitely smooth samples, which overstate how well a few points predict the rest (Snoek et al., 2012).
 */
record Matern52(double[] lengthscales, double variance) {

    private static final double SQRT5 = Math.sqrt(5);

    double at(double[] a, double[] b) {
        double r2 = 0;
        for (int d = 0; d < a.length; d++) {
            double t = (a[d] - b[d]) / lengthscales[d];
            r2 += t * t;
        }
        double r = Math.sqrt(r2);
        return variance * (1 + SQRT5 * r + 5 * r2 / 3) * Math.exp(-SQRT5 * r);
    }
}
