package org.xfer4j.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.runtime.onnx.OrtRuntime;

/**
 * A partition's rows processed a chunk at a time, lazily, in order: only one chunk of input and output rows is in
 * memory, and a failure names the partition and the rows of the chunk it happened in.
 */
final class Chunks implements Iterator<Row> {

    private final Iterator<Row> input;
    private final int size;
    private final BiFunction<List<Row>, Integer, List<Row>> work;
    private final String what;
    private final String partition = partition(); // the task's: work runs on another thread
    private Iterator<Row> current = Collections.emptyIterator();
    private int consumed;

    /** {@code work(chunk, offset)} applied to chunks of {@code size} rows; {@code what} names the work in errors. */
    Chunks(Iterator<Row> input, int size, String what, BiFunction<List<Row>, Integer, List<Row>> work) {
        this.input = input;
        this.size = size;
        this.what = what;
        this.work = work;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && input.hasNext()) {
            List<Row> chunk = new ArrayList<>(size);
            while (chunk.size() < size && input.hasNext()) {
                chunk.add(input.next());
            }
            int offset = consumed;
            consumed += chunk.size();
            try {
                current = onBigStack(() -> work.apply(chunk, offset)).iterator();
            } catch (RuntimeException e) {
                throw new XferException(what + " failed in partition " + partition + " on rows " + offset + ".."
                        + (offset + chunk.size() - 1) + " of the partition: " + e.getMessage(), e);
            }
        }
        return current.hasNext();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    /**
     * The samples of column {@code index} ({@code column}) of {@code rows}, the partition's rows from {@code offset};
     * a bad value names its row in the partition.
     */
    static List<Sample> samples(List<Row> rows, int index, String column, InputKind kind, int offset) {
        List<Sample> samples = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            try {
                samples.add(kind.sample(rows.get(i).get(index), column));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("row " + (offset + i) + ": " + e.getMessage(), e);
            }
        }
        return samples;
    }

    /**
     * {@code work}'s result, computed on a thread with ONNX Runtime's stack size: Spark's task threads have the JVM's
     * default stack (1 MB unless -Xss says more), which ONNX Runtime graphs and the native tokenizer overflow.
     */
    static <T> T onBigStack(java.util.function.Supplier<T> work) {
        try {
            return OrtRuntime.onOrtThread(work::get);
        } catch (ai.onnxruntime.OrtException e) {
            throw new XferException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    /** {@code samples} as an unlabelled dataset. */
    static Dataset dataset(List<Sample> samples) {
        int[] none = new int[samples.size()];
        java.util.Arrays.fill(none, -1);
        return new InMemoryDataset("partition rows", List.of(), samples, none);
    }

    /** {@code row}'s values followed by {@code extra}. */
    static Row append(Row row, Object... extra) {
        Object[] values = new Object[row.length() + extra.length];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        System.arraycopy(extra, 0, values, row.length(), extra.length);
        return org.apache.spark.sql.RowFactory.create(values);
    }

    private static String partition() {
        TaskContext t = TaskContext.get();
        return t == null ? "?" : Integer.toString(t.partitionId());
    }
}
