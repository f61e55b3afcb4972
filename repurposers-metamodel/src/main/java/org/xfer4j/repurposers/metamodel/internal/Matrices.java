package org.xfer4j.repurposers.metamodel.internal;

/** Converts between row arrays and flat row-major arrays, the layout payload entries use. */
public final class Matrices {

    private Matrices() {
    }

    /** The rows of equal length laid end to end. */
    public static double[] flatten(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] out = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * cols, cols);
        }
        return out;
    }

    /** {@code rows} rows of the flat row-major array (its length divided evenly). */
    public static double[][] rows(double[] flat, int rows) {
        int cols = rows == 0 ? 0 : flat.length / rows;
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }

    /** As {@link #rows}, rounded to float32 for Smile's single-precision BLAS. */
    public static float[][] floatRows(double[] flat, int rows) {
        int cols = rows == 0 ? 0 : flat.length / rows;
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = (float) flat[r * cols + c];
            }
        }
        return out;
    }
}
