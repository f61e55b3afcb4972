package org.xfer4j.importer.tfjs;

import java.util.Arrays;

/**
 * A tensor of the imported graph with its Keras shape (batch first, -1 where unknown). Rank-4 tensors, channels-last
 * in Keras, are held channels-first (NCHW) in the graph; every other rank keeps the Keras axis order.
 */
record KTensor(String name, long[] shape) {

    /** A copy of the Keras shape (callers build output shapes from it). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    int rank() {
        return shape.length;
    }

    /** Whether the graph holds this tensor as NCHW while Keras sees NHWC. */
    boolean channelsFirst() {
        return shape.length == 4;
    }

    /** Keras extent of axis {@code axis} (negative counts from the end). */
    long dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    /** The graph axis that holds Keras axis {@code kerasAxis} (negative counts from the end). */
    int onnxAxis(int kerasAxis) {
        int a = kerasAxis < 0 ? shape.length + kerasAxis : kerasAxis;
        if (!channelsFirst() || a == 0) {
            return a;
        }
        return a == 3 ? 1 : a + 1;
    }

    /** The graph's shape of this tensor. */
    long[] onnxShape() {
        return channelsFirst() ? new long[] {shape[0], shape[3], shape[1], shape[2]} : shape.clone();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
