package org.xfer4j.transferability.estimators;

import smile.tensor.DenseMatrix;
import smile.tensor.SVD;

/**
 * The thin singular value decomposition X = U diag(s) V' of an n x d matrix, r = min(n, d) values in decreasing
 * order, with U's columns (the left singular vectors): all LogME and H-score need, computed once by LAPACK.
 */
record Spectrum(double[] s, double[][] u) {

    /** The decomposition of {@code x} (rows of equal length; not modified). */
    static Spectrum of(double[][] x) {
        SVD svd = DenseMatrix.of(x).svd(true);
        int r = Math.min(x.length, x[0].length);
        double[] s = new double[r];
        double[][] u = new double[x.length][r];
        for (int k = 0; k < r; k++) {
            s[k] = svd.s().get(k);
            for (int i = 0; i < x.length; i++) {
                u[i][k] = svd.U().get(i, k);
            }
        }
        return new Spectrum(s, u);
    }

    /** U' v for a vector {@code v} over the rows. */
    double[] project(double[] v) {
        double[] z = new double[s.length];
        for (int i = 0; i < u.length; i++) {
            if (v[i] != 0) {
                for (int k = 0; k < z.length; k++) {
                    z[k] += u[i][k] * v[i];
                }
            }
        }
        return z;
    }
}
