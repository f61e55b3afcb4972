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

    /**
     * One graph input's values for every example; exactly one of {@code floats} and {@code longs} is set.
     * {@code perToken} float values are [tokens, ...] per example, zero-padded to the longest like the token
     * sequences, and cut with them per batch (a frozen text encoder's cached hidden states).
     */
    public record Column(String name, long[] exampleShape, float[] floats, long[] longs, boolean perToken) {

        public Column {
            exampleShape = exampleShape.clone();
            if ((floats == null) == (longs == null)) {
                throw new IllegalArgumentException("column " + name + " needs float or int64 values, not both");
            }
            if (perToken && (floats == null || exampleShape.length < 2)) {
                throw new IllegalArgumentException("column " + name + ": per-token values are float [tokens, ...]");
            }
        }

        /** A float32 column. */
        public static Column floats(String name, long[] exampleShape, float[] values) {
            return new Column(name, exampleShape, values, null, false);
        }

        /** A float32 column of [tokens, ...] per example, cut per batch with the token sequences. */
        public static Column perToken(String name, long[] exampleShape, float[] values) {
            return new Column(name, exampleShape, values, null, true);
        }

        /** An int64 column. */
        public static Column longs(String name, long[] exampleShape, long[] values) {
            return new Column(name, exampleShape, null, values, false);
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
                return new Column(name, exampleShape, v, null, perToken);
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
    /** Per example, the tokens up to its last non-zero one; null where batches are not cut. */
    private final int[] lengths;

    /** Examples of one float input. */
    public ExampleSet(String input, long[] exampleShape, float[] values, long[] labels) {
        this(List.of(Column.floats(input, exampleShape, values)), labels);
    }

    /** Examples of several inputs (the same examples in the same order in every column). */
    public ExampleSet(List<Column> columns, long[] labels) {
        this(columns, labels, null);
    }

    private ExampleSet(List<Column> columns, long[] labels, int[] lengths) {
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
        this.lengths = lengths;
    }

    /**
     * The same examples, their int64 sequences (token ids and masks, [tokens] per example, zero-padded to the longest
     * of all) cut per batch to the batch's longest: the positions where every sequence input of every example of the
     * batch is 0 are padding an attention mask hides, so dropping them changes no result and saves their compute.
     */
    public ExampleSet trimmingPadding() {
        int[] used = new int[labels.length];
        Arrays.fill(used, 1);
        for (Column c : columns) {
            if (isSequence(c)) {
                int per = (int) c.exampleShape()[0];
                for (int i = 0; i < used.length; i++) {
                    for (int k = per - 1; k >= used[i]; k--) {
                        if (c.longs()[i * per + k] != 0) {
                            used[i] = k + 1;
                            break;
                        }
                    }
                }
            }
        }
        return new ExampleSet(columns, labels, used);
    }

    /**
     * Other inputs for the same examples (same labels, batches cut as here): a frozen prefix's outputs in place of
     * the inputs it read.
     */
    public ExampleSet withColumns(List<Column> newColumns) {
        return new ExampleSet(newColumns, labels, lengths);
    }

    /** The inputs, in order. */
    public List<Column> columns() {
        return columns;
    }

    /** The tokens of each example's int64 sequences (the longest of all, as padded), or 0 without sequences. */
    public int sequenceLength() {
        return columns.stream().filter(ExampleSet::isSequence).mapToInt(c -> (int) c.exampleShape()[0]).max()
                .orElse(0);
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
        int[] l = null;
        if (lengths != null) {
            l = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                l[i] = lengths[indices[i]];
            }
        }
        return new ExampleSet(c, y, l);
    }

    /** The (first) input of the examples {@code indices[from..to)} as a tensor [n, exampleShape...]. */
    public OnnxTensor batch(int[] indices, int from, int to) {
        return tensor(columns.getFirst(), indices, from, to);
    }

    /** Every input of the examples {@code indices[from..to)}, each a tensor [n, exampleShape...]. */
    public Batch inputs(int[] indices, int from, int to) {
        Map<String, OnnxTensor> t = new LinkedHashMap<>();
        int length = lengths != null ? usedLength(indices, from, to) : -1;
        try {
            for (Column c : columns) {
                t.put(c.name(), length >= 0 && (isSequence(c) || c.perToken()) ? trimmed(c, indices, from, to, length)
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
        for (int i = from; i < to; i++) {
            used = Math.max(used, lengths[indices[i]]);
        }
        return used;
    }

    /** Column {@code c} of the batch with its token axis (the first of an example) cut to {@code length}. */
    private OnnxTensor trimmed(Column c, int[] indices, int from, int to, int length) {
        int tokens = (int) c.exampleShape()[0];
        int row = (c.length() / labels.length) / tokens; // values per token
        long[] shape = new long[c.exampleShape().length + 1];
        shape[0] = to - from;
        System.arraycopy(c.exampleShape(), 0, shape, 1, c.exampleShape().length);
        shape[1] = length;
        int per = length * row;
        try {
            if (c.floats() != null) {
                float[] v = new float[(to - from) * per];
                for (int i = from; i < to; i++) {
                    System.arraycopy(c.floats(), indices[i] * tokens * row, v, (i - from) * per, per);
                }
                return OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(v), shape);
            }
            long[] v = new long[(to - from) * per];
            for (int i = from; i < to; i++) {
                System.arraycopy(c.longs(), indices[i] * tokens * row, v, (i - from) * per, per);
            }
            return OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(v), shape);
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
