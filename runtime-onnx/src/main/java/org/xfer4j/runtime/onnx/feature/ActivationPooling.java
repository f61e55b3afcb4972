package org.xfer4j.runtime.onnx.feature;

import java.util.Arrays;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.model.Pooling;

/**
 * Reduces one layer's activations for a batch to a row per example: [N] and [N, D] as they are, [N, T, H] by the
 * model's sequence pooling, [N, C, ...] by its spatial pooling.
 */
final class ActivationPooling {

    private ActivationPooling() {
    }

    /**
     * Row-major [N, width] features of {@code values} with {@code shape}.
     *
     * @param mask  the [N, T] attention mask fed to the graph, needed for masked-mean pooling
     * @param layer names the layer in error messages
     */
    static float[] pool(float[] values, long[] shape, Pooling pooling, long[] mask, int batch, String layer) {
        if (shape.length == 0 || shape[0] != batch) {
            throw new InvalidInputException("layer " + layer + " outputs shape " + Arrays.toString(shape)
                    + ", which does not start with the batch size " + batch + "; choose a layer that computes on each"
                    + " example");
        }
        int perExample = batch == 0 ? 0 : values.length / batch;
        if (shape.length <= 2 || flattens(shape, pooling)) {
            return values;
        }
        if (shape.length == 3) {
            return pooling.sequence() == Pooling.Sequence.FIRST_TOKEN
                    ? firstToken(values, batch, (int) shape[1], (int) shape[2])
                    : maskedMean(values, batch, (int) shape[1], (int) shape[2], mask, layer);
        }
        int channels = (int) shape[1];
        return spatialMean(values, batch, channels, perExample / Math.max(channels, 1));
    }

    private static boolean flattens(long[] shape, Pooling pooling) {
        return shape.length == 3 ? pooling.sequence() == Pooling.Sequence.FLATTEN
                : pooling.spatial() == Pooling.Spatial.FLATTEN;
    }

    private static float[] firstToken(float[] x, int n, int tokens, int hidden) {
        float[] out = new float[n * hidden];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * tokens * hidden, out, i * hidden, hidden);
        }
        return out;
    }

    private static float[] maskedMean(float[] x, int n, int tokens, int hidden, long[] mask, String layer) {
        if (mask == null || mask.length != n * tokens) {
            throw new InvalidInputException("layer " + layer + " outputs " + tokens + " positions per example, but the"
                    + " attention mask has " + (mask == null ? "none" : mask.length / Math.max(n, 1)) + "; masked-mean"
                    + " pooling needs a [batch, tokens, hidden] layer");
        }
        float[] out = new float[n * hidden];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int t = 0; t < tokens; t++) {
                if (mask[i * tokens + t] == 0) {
                    continue;
                }
                count++;
                int from = (i * tokens + t) * hidden;
                for (int h = 0; h < hidden; h++) {
                    out[i * hidden + h] += x[from + h];
                }
            }
            float scale = 1f / Math.max(count, 1);
            for (int h = 0; h < hidden; h++) {
                out[i * hidden + h] *= scale;
            }
        }
        return out;
    }

    private static float[] spatialMean(float[] x, int n, int channels, int positions) {
        float[] out = new float[n * channels];
        for (int i = 0; i < n * channels; i++) {
            double sum = 0;
            for (int p = 0; p < positions; p++) {
                sum += x[i * positions + p];
            }
            out[i] = (float) (sum / Math.max(positions, 1));
        }
        return out;
    }
}
