package org.xfer4j.training;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.runtime.onnx.OrtRuntime;

/**
 * Labelled examples for the inputs of a graph, each input held as one array (example after example: float32 for
 * images and features, int64 for token ids and masks), from which mini-batches are cut as ONNX Runtime tensors.
 */
public final class ExampleSet {

    /** One graph input's values for every example; exactly one of {@code floats} and {@code longs} is set. */
    public record Column(String name, long[] exampleShape, float[] floats, long[] longs) {

        public Column {
            exampleShape = exampleShape.clone();
            if ((floats == null) == (longs == null)) {
                throw new IllegalArgumentException("column " + name + " needs float or int64 values, not both");
            }
        }

        /** A float32 column. */
        public static Column floats(String name, long[] exampleShape, float[] values) {
            return new Column(name, exampleShape, values, null);
        }

        /** An int64 column. */
        public static Column longs(String name, long[] exampleShape, long[] values) {
            return new Column(name, exampleShape, null, values);
        }

        int length() {
            return floats != null ? floats.length : longs.length;
        }

        Column subset(int[] indices, int count) {
            int per = length() / count;
            if (floats != null) {
                float[] v = new float[indices.length * per];
                for (int i = 0; i < indices.length; i++) {
                    System.arraycopy(floats, indices[i] * per, v, i * per, per);
                }
                return floats(name, exampleShape, v);
            }
            long[] v = new long[indices.length * per];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(longs, indices[i] * per, v, i * per, per);
            }
            return longs(name, exampleShape, v);
        }
    }

    /** The tensors of one mini-batch by input name; closing it releases them. */
    public record Batch(Map<String, OnnxTensor> tensors) implements AutoCloseable {
        @Override
        public void close() {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private final List<Column> columns;
    private final long[] labels;
    private final boolean trimPadding;

    /** Examples of one float input. */
    public ExampleSet(String input, long[] exampleShape, float[] values, long[] labels) {
        this(List.of(Column.floats(input, exampleShape, values)), labels);
    }

    /** Examples of several inputs (the same examples in the same order in every column). */
    public ExampleSet(List<Column> columns, long[] labels) {
        this(columns, labels, false);
    }

    private ExampleSet(List<Column> columns, long[] labels, boolean trimPadding) {
        if (columns.isEmpty()) {
            throw new InvalidInputException("examples need at least one input");
        }
        for (Column c : columns) {
            long per = Tensor.elementCount(c.exampleShape());
            if (labels.length == 0 || per * labels.length != c.length()) {
                throw new InvalidInputException("examples for input " + c.name() + ": " + labels.length + " labels and "
                        + c.length() + " values do not fit examples of shape " + Arrays.toString(c.exampleShape()));
            }
        }
        this.columns = List.copyOf(columns);
        this.labels = labels;
        this.trimPadding = trimPadding;
    }

    /**
     * The same examples, their int64 sequences (token ids and masks, [tokens] per example, zero-padded to the longest
     * of all) cut per batch to the batch's longest: the positions where every sequence input of every example of the
     * batch is 0 are padding an attention mask hides, so dropping them changes no result and saves their compute.
     */
    public ExampleSet trimmingPadding() {
        return new ExampleSet(columns, labels, true);
    }

    /** The inputs, in order. */
    public List<Column> columns() {
        return columns;
    }

    /** The name of the (first) input. */
    public String input() {
        return columns.getFirst().name();
    }

    /** The shape of one example of the (first) input. */
    public long[] exampleShape() {
        return columns.getFirst().exampleShape();
    }

    /** The values of the (first, float) input. */
    public float[] values() {
        float[] v = columns.getFirst().floats();
        if (v == null) {
            throw new IllegalStateException("input " + input() + " holds int64 values");
        }
        return v;
    }

    /** The class of every example. */
    public long[] labels() {
        return labels;
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** Values per example of the (first) input. */
    public int exampleSize() {
        return columns.getFirst().length() / labels.length;
    }

    /** The examples at {@code indices}, in that order (copied). */
    public ExampleSet subset(int[] indices) {
        List<Column> c = new ArrayList<>();
        columns.forEach(col -> c.add(col.subset(indices, labels.length)));
        long[] y = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            y[i] = labels[indices[i]];
        }
        return new ExampleSet(c, y, trimPadding);
    }

    /** The (first) input of the examples {@code indices[from..to)} as a tensor [n, exampleShape...]. */
    public OnnxTensor batch(int[] indices, int from, int to) {
        return tensor(columns.getFirst(), indices, from, to);
    }

    /** Every input of the examples {@code indices[from..to)}, each a tensor [n, exampleShape...]. */
    public Batch inputs(int[] indices, int from, int to) {
        Map<String, OnnxTensor> t = new LinkedHashMap<>();
        int length = trimPadding ? usedLength(indices, from, to) : -1;
        try {
            for (Column c : columns) {
                t.put(c.name(), length >= 0 && isSequence(c) ? trimmed(c, indices, from, to, length)
                        : tensor(c, indices, from, to));
            }
        } catch (RuntimeException e) {
            t.values().forEach(OnnxTensor::close);
            throw e;
        }
        return new Batch(t);
    }

    private OnnxTensor tensor(Column c, int[] indices, int from, int to) {
        int per = c.length() / labels.length;
        long[] shape = new long[c.exampleShape().length + 1];
        shape[0] = to - from;
        System.arraycopy(c.exampleShape(), 0, shape, 1, c.exampleShape().length);
        try {
            if (c.floats() != null) {
                float[] v = new float[(to - from) * per];
                for (int i = from; i < to; i++) {
                    System.arraycopy(c.floats(), indices[i] * per, v, (i - from) * per, per);
                }
                return OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(v), shape);
            }
            long[] v = new long[(to - from) * per];
            for (int i = from; i < to; i++) {
                System.arraycopy(c.longs(), indices[i] * per, v, (i - from) * per, per);
            }
            return OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(v), shape);
        } catch (OrtException e) {
            throw new XferException("cannot create a batch tensor: " + e.getMessage(), e);
        }
    }

    private static boolean isSequence(Column c) {
        return c.longs() != null && c.exampleShape().length == 1;
    }

    /** The last position (plus one) where some sequence input of some example of the batch is non-zero. */
    private int usedLength(int[] indices, int from, int to) {
        int used = 1;
        for (Column c : columns) {
            if (isSequence(c)) {
                int per = (int) c.exampleShape()[0];
                for (int i = from; i < to; i++) {
                    int base = indices[i] * per;
                    for (int k = per - 1; k >= used; k--) {
                        if (c.longs()[base + k] != 0) {
                            used = k + 1;
                            break;
                        }
                    }
                }
            }
        }
        return used;
    }

    private OnnxTensor trimmed(Column c, int[] indices, int from, int to, int length) {
        int per = (int) c.exampleShape()[0];
        long[] v = new long[(to - from) * length];
        for (int i = from; i < to; i++) {
            System.arraycopy(c.longs(), indices[i] * per, v, (i - from) * length, length);
        }
        try {
            return OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(v),
                    new long[] {to - from, length});
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
