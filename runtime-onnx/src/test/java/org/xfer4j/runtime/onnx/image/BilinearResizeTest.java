package org.xfer4j.runtime.onnx.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BilinearResizeTest {

    /** The separable pass must give exactly TF.js's per-pixel kernel, so imported models see their own inputs. */
    @Test
    void separablePassEqualsThePerPixelKernelBitForBit() {
        Random r = new Random(3);
        int[][] cases = {{28, 28, 224, 224, 0}, {300, 200, 224, 224, 256}, {5, 9, 17, 3, 0}, {64, 48, 32, 32, 40}};
        for (int[] k : cases) {
            for (boolean aligned : new boolean[] {true, false}) {
                int w = k[0];
                int h = k[1];
                byte[] px = new byte[w * h * 3];
                r.nextBytes(px);
                int rw = k[4] == 0 ? k[2] : Math.max(k[2], Math.round(w * k[4] / (float) Math.min(w, h)));
                int rh = k[4] == 0 ? k[3] : Math.max(k[3], Math.round(h * k[4] / (float) Math.min(w, h)));
                var rows = BilinearResize.Axis.of(h, rh, (rh - k[3]) / 2, k[3], aligned);
                var cols = BilinearResize.Axis.of(w, rw, (rw - k[2]) / 2, k[2], aligned);
                float[] fast = new float[k[2] * k[3] + 5];
                BilinearResize.channel(px, w, 3, 1, rows, cols, 1f / 255, -0.4f, fast, 5);
                float[] direct = new float[fast.length];
                perPixel(px, w, 3, 1, rows, cols, 1f / 255, -0.4f, direct, 5);
                assertThat(fast).containsExactly(direct);
            }
        }
    }

    private static void perPixel(byte[] px, int width, int channels, int c, BilinearResize.Axis rows,
            BilinearResize.Axis cols, float scale, float shift, float[] out, int at) {
        for (int y = 0; y < rows.lo().length; y++) {
            for (int x = 0; x < cols.lo().length; x++) {
                double tl = px[(rows.lo()[y] * width + cols.lo()[x]) * channels + c] & 0xff;
                double tr = px[(rows.lo()[y] * width + cols.hi()[x]) * channels + c] & 0xff;
                double bl = px[(rows.hi()[y] * width + cols.lo()[x]) * channels + c] & 0xff;
                double br = px[(rows.hi()[y] * width + cols.hi()[x]) * channels + c] & 0xff;
                double t = tl + (tr - tl) * cols.frac()[x];
                double b = bl + (br - bl) * cols.frac()[x];
                out[at + y * cols.lo().length + x] = (float) (t + (b - t) * rows.frac()[y]) * scale + shift;
            }
        }
    }
}
