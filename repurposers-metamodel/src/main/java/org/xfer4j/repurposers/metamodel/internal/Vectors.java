package org.xfer4j.repurposers.metamodel.internal;

/** Dot products and squared distances over slices of row-major double arrays, the inner loops of every model. */
public final class Vectors {

    private Vectors() {
    }

    /** a[aOff .. aOff+length) . b[bOff .. bOff+length), with four accumulators so the loop pipelines. */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < length; j += 4) {
            s0 += a[aOff + j] * b[bOff + j];
            s1 += a[aOff + j + 1] * b[bOff + j + 1];
            s2 += a[aOff + j + 2] * b[bOff + j + 2];
            s3 += a[aOff + j + 3] * b[bOff + j + 3];
        }
        for (; j < length; j++) {
            s0 += a[aOff + j] * b[bOff + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Squared Euclidean norms of the {@code rows} rows of width {@code width} in {@code x}. */
    public static double[] squaredNorms(double[] x, int rows, int width) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = dot(x, i * width, x, i * width, width);
        }
        return out;
    }
}
