package org.xfer4j.transferability.estimators;

/** One-hot columns of class labels, the regression targets and class masks the estimators use. */
final class Indicators {

    private Indicators() {
    }

    /** 1 where {@code labels[i] == c}, else 0. */
    static double[] of(int[] labels, int c) {
        double[] v = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            v[i] = labels[i] == c ? 1 : 0;
        }
        return v;
    }

    /** The rows of {@code x} minus their column means, as doubles. */
    static double[][] centred(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = x[i][j] - mean[j];
            }
        }
        return out;
    }
}
