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
     * {@code cols.lo.length}) as {@code value * scale + shift}. Separable: each source row a target row reads is
     * interpolated along x once, then target rows blend two of those; the arithmetic per pixel is the kernel's
     * (same operations in the same order), so the values are bit for bit those of the direct formula.
     */
    static void channel(byte[] px, int width, int channels, int c, Axis rows, Axis cols, float scale, float shift,
            float[] out, int at) {
        int h = rows.lo().length;
        int w = cols.lo().length;
        double[][] across = new double[rows.hi()[h - 1] + 1][];
        for (int y = 0; y < h; y++) {
            double[] t = across(px, width, channels, c, cols, rows.lo()[y], across);
            double[] b = across(px, width, channels, c, cols, rows.hi()[y], across);
            double fy = rows.frac()[y];
            int o = at + y * w;
            for (int x = 0; x < w; x++) {
                out[o + x] = (float) (t[x] + (b[x] - t[x]) * fy) * scale + shift;
            }
        }
    }

    /** Source row {@code row} interpolated at every target column, computed once per call of {@link #channel}. */
    private static double[] across(byte[] px, int width, int channels, int c, Axis cols, int row, double[][] done) {
        double[] r = done[row];
        if (r == null) {
            int w = cols.lo().length;
            int base = row * width;
            r = new double[w];
            for (int x = 0; x < w; x++) {
                double left = px[(base + cols.lo()[x]) * channels + c] & 0xff;
                double right = px[(base + cols.hi()[x]) * channels + c] & 0xff;
                r[x] = left + (right - left) * cols.frac()[x];
            }
            done[row] = r;
        }
        return r;
    }
}
