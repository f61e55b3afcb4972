package org.xfer4j.repurposers.metamodel.gp;

import smile.tensor.DenseMatrix;

/** Dot products between two sets of rows over a column range, by one matrix product in Smile's BLAS. */
final class CrossProducts {

    private CrossProducts() {
    }

    /**
     * result[i][k] = x[rows[i]][start..start+length) . z[k][start..start+length) for row-major {@code x} and
     * {@code z} of width {@code width}.
     */
    static double[][] of(double[] x, int[] rows, double[] z, int zRows, int width, int start, int length) {
        double[][] a = new double[rows.length][length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * width + start, a[i], 0, length);
        }
        double[][] b = new double[zRows][length];
        for (int k = 0; k < zRows; k++) {
            System.arraycopy(z, k * width + start, b[k], 0, length);
        }
        return DenseMatrix.of(a).mt(DenseMatrix.of(b)).toArray(new double[0][]);
    }
}
