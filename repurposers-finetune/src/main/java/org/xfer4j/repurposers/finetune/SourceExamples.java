package org.xfer4j.repurposers.finetune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.DType;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.training.ExampleSet;

/**
 * A labelled dataset prepared once by the source model's preprocessing into training examples: float inputs
 * (images, features) of one shape, or int64 token sequences [batch, tokens] padded with zeros (masked out by the
 * attention mask) to the longest text of the dataset.
 */
final class SourceExamples {

    private SourceExamples() {
    }

    static ExampleSet of(Dataset data, Preprocessor preprocessor, int batchSize, Progress progress) {
        if (data.size() == 0) {
            throw new InvalidInputException("dataset " + data.name() + " is empty");
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        long[] labels = new long[data.size()];
        progress.start("preparing " + data.name(), data.size());
        for (int from = 0; from < data.size(); from += batchSize) {
            progress.checkCancelled();
            int to = Math.min(data.size(), from + batchSize);
            Map<String, Tensor> prepared = prepare(data, preprocessor, from, to);
            for (Map.Entry<String, Tensor> e : prepared.entrySet()) {
                columns.computeIfAbsent(e.getKey(), k -> Column.of(k, e.getValue(), data.size()))
                        .add(e.getValue(), from, to);
            }
            for (int i = from; i < to; i++) {
                labels[i] = data.label(i);
                if (labels[i] < 0) {
                    throw new InvalidInputException("example " + i + " of " + data.name() + " has no label");
                }
            }
            progress.advance(to - from);
        }
        progress.finish();
        return new ExampleSet(columns.values().stream().map(Column::build).toList(), labels);
    }

    /** Every prepared input tensor of examples {@code from..to} (labels ignored). */
    static Map<String, Tensor> prepare(Dataset data, Preprocessor preprocessor, int from, int to) {
        List<Sample> batch = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            batch.add(data.sample(i));
        }
        return preprocessor.prepare(batch);
    }

    /** One input's values as they arrive batch by batch. */
    private interface Column {
        void add(Tensor t, int from, int to);

        ExampleSet.Column build();

        static Column of(String name, Tensor first, int size) {
            if (first.dtype() == DType.FLOAT32) {
                return new Floats(name, Arrays.copyOfRange(first.shape(), 1, first.shape().length), size);
            }
            if (first.dtype() == DType.INT64 && first.shape().length == 2) {
                return new Tokens(name, size);
            }
            throw new InvalidInputException("fine-tuning reads float inputs or int64 token sequences [batch, tokens];"
                    + " input " + name + " is " + first.dtype() + " of shape " + Arrays.toString(first.shape()));
        }
    }

    /** Float examples of one fixed shape, written straight into one array. */
    private static final class Floats implements Column {
        private final String name;
        private final long[] exampleShape;
        private final float[] values;
        private final int per;

        Floats(String name, long[] exampleShape, int size) {
            this.name = name;
            this.exampleShape = exampleShape;
            this.per = Math.toIntExact(Tensor.elementCount(exampleShape));
            this.values = new float[Math.multiplyExact(per, size)];
        }

        @Override
        public void add(Tensor t, int from, int to) {
            if (t.size() != per * (to - from)) {
                throw new InvalidInputException("input " + name + ": examples " + from + ".." + (to - 1) + " have shape "
                        + Arrays.toString(t.shape()) + ", earlier ones " + Arrays.toString(exampleShape));
            }
            System.arraycopy(t.floats(), 0, values, from * per, t.size());
        }

        @Override
        public ExampleSet.Column build() {
            return ExampleSet.Column.floats(name, exampleShape, values);
        }
    }

    /** Token sequences, each batch padded to its own longest; re-padded with zeros to the longest of all. */
    private static final class Tokens implements Column {
        private final String name;
        private final long[][] rows;
        private int longest;

        Tokens(String name, int size) {
            this.name = name;
            this.rows = new long[size][];
        }

        @Override
        public void add(Tensor t, int from, int to) {
            int length = (int) t.shape()[1];
            long[] v = t.longs();
            for (int i = from; i < to; i++) {
                rows[i] = Arrays.copyOfRange(v, (i - from) * length, (i - from + 1) * length);
            }
            longest = Math.max(longest, length);
        }

        @Override
        public ExampleSet.Column build() {
            long[] v = new long[Math.multiplyExact(rows.length, longest)];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, v, i * longest, rows[i].length);
            }
            return ExampleSet.Column.longs(name, new long[] {longest}, v);
        }
    }
}
