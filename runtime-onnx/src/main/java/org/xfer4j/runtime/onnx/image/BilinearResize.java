package org.xfer4j.runtime.onnx.image;

/**
 * Bilinear sampling of an 8-bit interleaved image onto a target grid, written as TF.js's CPU kernel writes it
 * ({@code top + (bottom - top) * rowFraction} in double precision) so TF.js models see the same inputs they were
 * made with. A window of the source (for centre crops) is sampled at the scale of the whole resized image.
 */
final class BilinearResize {

    private BilinearResize() {
    }

    /** Source coordinates of each target index: floor, ceil and fraction. */
    record Axis(int[] lo, int[] hi, double[] frac) {

        /**
         * Maps {@code out} target positions, the first at {@code offset} of a virtual {@code resized}-long axis,
         * onto a source axis of {@code in} pixels.
         */
        static Axis of(int in, int resized, int offset, int out, boolean alignCorners) {
            int[] lo = new int[out];
            int[] hi = new int[out];
            double[] frac = new double[out];
            boolean aligned = alignCorners && resized > 1;
            double scale = aligned ? (in - 1) / (double) (resized - 1) : in / (double) resized;
            for (int i = 0; i < out; i++) {
                int t = i + offset;
                double src = aligned ? t * scale : Math.max(0, (t + 0.5) * scale - 0.5);
                int f = Math.min(in - 1, (int) Math.floor(src));
                lo[i] = f;
                hi[i] = Math.min(in - 1, (int) Math.ceil(src));
                frac[i] = src - f;
            }
            return new Axis(lo, hi, frac);
        }
    }

    /**
     * Writes channel {@code c} of the resized image into {@code out} (row-major, {@code rows.lo.length} x
     * {@code cols.lo.length}) as {@code value * scale + shift}.
     */
    static void channel(byte[] px, int width, int channels, int c, Axis rows, Axis cols, float scale, float shift,
            float[] out, int at) {
        int h = rows.lo().length;
        int w = cols.lo().length;
        for (int y = 0; y < h; y++) {
            int top = rows.lo()[y] * width;
            int bottom = rows.hi()[y] * width;
            double fy = rows.frac()[y];
            for (int x = 0; x < w; x++) {
                int l = cols.lo()[x];
                int r = cols.hi()[x];
                double fx = cols.frac()[x];
                double tl = px[(top + l) * channels + c] & 0xff;
                double tr = px[(top + r) * channels + c] & 0xff;
                double bl = px[(bottom + l) * channels + c] & 0xff;
                double br = px[(bottom + r) * channels + c] & 0xff;
                double t = tl + (tr - tl) * fx;
                double b = bl + (br - bl) * fx;
                out[at + y * w + x] = (float) (t + (b - t) * fy) * scale + shift;
            }
        }
    }
}
