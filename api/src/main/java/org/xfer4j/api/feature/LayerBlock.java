package org.xfer4j.api.feature;

/** The columns [start, end) of a feature matrix that came from one layer. */
public record LayerBlock(String layer, int start, int end) {
    public LayerBlock {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad column range [" + start + ", " + end + ") for layer " + layer);
        }
    }

    /** Number of columns. */
    public int width() {
        return end - start;
    }
}
