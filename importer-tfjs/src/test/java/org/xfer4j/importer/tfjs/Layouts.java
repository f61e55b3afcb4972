package org.xfer4j.importer.tfjs;

/** Axis-order conversions between Keras's NHWC and the imported graph's NCHW, for comparing tensors in tests. */
final class Layouts {

    private Layouts() {
    }

    static float[] nchwToNhwc(float[] x, long[] nchw) {
        int n = (int) nchw[0];
        int c = (int) nchw[1];
        int hw = (int) (nchw[2] * nchw[3]);
        float[] out = new float[x.length];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < hw; p++) {
                    out[(b * hw + p) * c + ch] = x[(b * c + ch) * hw + p];
                }
            }
        }
        return out;
    }

    static float[] nhwcToNchw(float[] x, int n, int h, int w, int c) {
        int hw = h * w;
        float[] out = new float[x.length];
        for (int b = 0; b < n; b++) {
            for (int p = 0; p < hw; p++) {
                for (int ch = 0; ch < c; ch++) {
                    out[(b * c + ch) * hw + p] = x[(b * hw + p) * c + ch];
                }
            }
        }
        return out;
    }

    /** The largest absolute difference between two equally long arrays. */
    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}
