package org.xfer4j.repurposers.metamodel.internal;

/** The softmax of a vector of logits, shifted by their maximum so no exponential overflows. */
public final class Softmax {

    private Softmax() {
    }

    /**
     * Writes softmax({@code z}) into {@code p} (same length) and returns the log of the normaliser, so
     * -log p[k] = result - z[k] without underflow.
     */
    public static double of(double[] z, double[] p) {
        double max = z[0];
        for (int k = 1; k < z.length; k++) {
            max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return max + Math.log(sum);
    }
}
