package org.xfer4j.repurposers.metamodel.gp;

import smile.tensor.DenseMatrix;

/**
 * The DTC prior as a linear model: with K_mm = L L^T over the inducing points, phi(x) = L^-1 k_m(x) makes
 * f = phi(x) . w with w ~ N(0, I) a GP with covariance k_m(x)^T K_mm^-1 k_m(x'). A last constant feature gives
 * the latent function a bias with prior standard deviation {@link #BIAS_SD}.
 */
final class InducingFeatures {

    /** Prior standard deviation of the latent bias: wide enough for strongly imbalanced one-vs-rest problems. */
    static final double BIAS_SD = 3.0;
    /** Jitter added to K_mm's diagonal, relative to k(x, x); grown tenfold while the Cholesky fails. */
    private static final double JITTER = 1e-6;
    /** Rows whose distances and kernel values {@link #featuresOf} holds at once. */
    private static final int CHUNK_ROWS = 2048;

    private final int m;
    private final double[][] lowerInverse;

    InducingFeatures(double[][] lowerInverse) {
        this.m = lowerInverse.length;
        this.lowerInverse = lowerInverse;
    }

    /** The features of the kernel's DTC prior over inducing points whose mutual squared distances are given. */
    static InducingFeatures of(BlockRbfKernel kernel, double[][] inducingDistances, int m) {
        double[] kmm = kernel.fromDistances(inducingDistances);
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(kmm, i * m, a[i], 0, m);
        }
        double jitter = JITTER * kernel.diagonal();
        return new InducingFeatures(invertLower(Jitter.cholesky(a, jitter, jitter).lu(), m));
    }

    /** L^-1 of the lower triangle of {@code factor}, by forward substitution column by column. */
    private static double[][] invertLower(DenseMatrix factor, int m) {
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                l[i][j] = factor.get(i, j);
            }
        }
        double[][] inv = new double[m][m];
        for (int j = 0; j < m; j++) {
            inv[j][j] = 1 / l[j][j];
            for (int i = j + 1; i < m; i++) {
                double s = 0;
                for (int k = j; k < i; k++) {
                    s += l[i][k] * inv[k][j];
                }
                inv[i][j] = -s / l[i][i];
            }
        }
        return inv;
    }

    /** Number of features: one per inducing point plus the bias. */
    int dimension() {
        return m + 1;
    }

    double[][] lowerInverse() {
        return lowerInverse;
    }

    /**
     * Feature rows of {@code rows} examples of the row-major {@code x} ({@code width} wide), against the inducing
     * points {@code z}, computed {@link #CHUNK_ROWS} rows at a time so the intermediate matrices stay small.
     */
    double[] featuresOf(BlockRbfKernel kernel, double[] x, int rows, double[] z, int width) {
        int dim = dimension();
        double[] out = new double[rows * dim];
        for (int from = 0; from < rows; from += CHUNK_ROWS) {
            int to = Math.min(rows, from + CHUNK_ROWS);
            int[] chunk = new int[to - from];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = from + i;
            }
            double[] part = features(kernel.fromDistances(kernel.blockDistances(x, chunk, z, m, width)), chunk.length);
            System.arraycopy(part, 0, out, from * dim, part.length);
        }
        return out;
    }

    /** Feature rows (row-major, {@link #dimension()} wide) from kernel values k(x_i, z_k) laid out as [i * m + k]. */
    double[] features(double[] knm, int rows) {
        double[][] k = new double[rows][m];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(knm, i * m, k[i], 0, m);
        }
        double[][] phi = DenseMatrix.of(k).mt(DenseMatrix.of(lowerInverse)).toArray(new double[0][]);
        int dim = dimension();
        double[] out = new double[rows * dim];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(phi[i], 0, out, i * dim, m);
            out[i * dim + m] = BIAS_SD;
        }
        return out;
    }
}
