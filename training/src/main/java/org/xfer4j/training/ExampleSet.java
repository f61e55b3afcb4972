package org.xfer4j.training;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.runtime.onnx.OrtRuntime;

/**
 * Labelled examples for one graph input held as one float array (example after example), from which mini-batches
 * are cut as ONNX Runtime tensors.
 */
public record ExampleSet(String input, long[] exampleShape, float[] values, long[] labels) {

    public ExampleSet {
        exampleShape = exampleShape.clone();
        long per = Tensor.elementCount(exampleShape);
        if (labels.length == 0 || per * labels.length != values.length) {
            throw new InvalidInputException("examples for input " + input + ": " + labels.length + " labels and "
                    + values.length + " values do not fit examples of shape " + Arrays.toString(exampleShape));
        }
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** Values per example. */
    public int exampleSize() {
        return values.length / labels.length;
    }

    /** The examples at {@code indices}, in that order (copied). */
    public ExampleSet subset(int[] indices) {
        int per = exampleSize();
        float[] v = new float[indices.length * per];
        long[] y = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * per, v, i * per, per);
            y[i] = labels[indices[i]];
        }
        return new ExampleSet(input, exampleShape, v, y);
    }

    /** The batch of examples {@code indices[from..to)} as a tensor [n, exampleShape...]. */
    public OnnxTensor batch(int[] indices, int from, int to) {
        int per = exampleSize();
        float[] v = new float[(to - from) * per];
        for (int i = from; i < to; i++) {
            System.arraycopy(values, indices[i] * per, v, (i - from) * per, per);
        }
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = to - from;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        try {
            return OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(v), shape);
        } catch (OrtException e) {
            throw new XferException("cannot create a batch tensor: " + e.getMessage(), e);
        }
    }

    /** The labels of {@code indices[from..to)} as an int64 tensor [n]. */
    public OnnxTensor labelBatch(int[] indices, int from, int to) {
        long[] y = new long[to - from];
        for (int i = from; i < to; i++) {
            y[i - from] = labels[indices[i]];
        }
        try {
            return OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(y), new long[] {y.length});
        } catch (OrtException e) {
            throw new XferException("cannot create a label tensor: " + e.getMessage(), e);
        }
    }
}
