package org.xfer4j.importer.tfjs;

/** One named float32 weight as Keras stores it (its own axis order), dequantised where the shard was quantised. */
record Weight(String name, int[] shape, float[] values) {

    /** The extent of axis {@code i}. */
    int dim(int i) {
        return shape[i];
    }
}
