package org.xfer4j.runtime.onnx.feature;

import java.util.ArrayList;
import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.LayerBlock;

/**
 * Writes the pooled features of each batch straight into one row-major matrix, allocated when the first batch shows
 * each layer's width, so a long extraction holds its features once and nothing more.
 */
final class FeatureRows {

    private final List<String> layers;
    private final int rows;
    private int[] widths;
    private int width;
    private float[] values;

    FeatureRows(List<String> layers, int rows) {
        this.layers = List.copyOf(layers);
        this.rows = rows;
    }

    /** Stores the rows of examples {@code from} to {@code from + size - 1}: per layer, {@code size} pooled rows. */
    void add(int from, int size, List<float[]> pooled) {
        if (values == null) {
            widths = new int[layers.size()];
            for (int l = 0; l < widths.length; l++) {
                widths[l] = pooled.get(l).length / size;
                width += widths[l];
            }
            values = new float[Math.multiplyExact(rows, width)];
        }
        int start = 0;
        for (int l = 0; l < widths.length; l++) {
            int w = pooled.get(l).length / size;
            if (w != widths[l]) {
                throw new InvalidInputException("layer " + layers.get(l) + " gives " + w + " features per example"
                        + " from example " + from + " on, but " + widths[l] + " before; its shape depends on the"
                        + " input length: pool it (mean) instead of flattening it");
            }
            for (int r = 0; r < size; r++) {
                System.arraycopy(pooled.get(l), r * w, values, (from + r) * width + start, w);
            }
            start += w;
        }
    }

    /** The matrix (empty, with empty layer blocks, when there were no rows). */
    FeatureMatrix matrix() {
        List<LayerBlock> blocks = new ArrayList<>();
        int start = 0;
        for (int l = 0; l < layers.size(); l++) {
            int w = widths == null ? 0 : widths[l];
            blocks.add(new LayerBlock(layers.get(l), start, start + w));
            start += w;
        }
        return new FeatureMatrix(rows, width, values == null ? new float[0] : values, blocks);
    }
}
