package org.xfer4j.training;

/** Class probabilities from a classifier graph's logits. */
public final class Softmax {

    private Softmax() {
    }

    /** The softmax of each of the {@code n} rows of {@code k} logits in row-major {@code logits}. */
    public static double[][] rows(float[] logits, int n, int k) {
        double[][] p = new double[n][k];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits[i * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                p[i][j] = Math.exp(logits[i * k + j] - max);
                sum += p[i][j];
            }
            for (int j = 0; j < k; j++) {
                p[i][j] /= sum;
            }
        }
        return p;
    }
}
