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
}
