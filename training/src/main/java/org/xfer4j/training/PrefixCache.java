package org.xfer4j.training;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.runtime.onnx.graph.FrozenPrefix;

/**
 * Runs the frozen prefix of a graph once over every example and keeps the boundary tensors as new examples, beside
 * the inputs the rest of the graph still reads. Token sequences run in batches cut to their longest, as training
 * runs them; each example's per-token values are kept at the full padded length, zero past its batch's.
 */
public final class PrefixCache {

    private PrefixCache() {
    }

    /** The boundary values of every example of {@code data}, with the passed inputs, as examples for the suffix. */
    public static ExampleSet boundaryValues(FrozenPrefix split, ExampleSet data, int batchSize,
            ProviderContext context) {
        int[] all = new int[data.size()];
        Arrays.setAll(all, i -> i);
        int tokens = data.sequenceLength();
        if (!split.perToken().isEmpty() && tokens == 0) {
            throw new InvalidInputException("the frozen prefix outputs per-token values " + split.perToken()
                    + ", but the examples hold no token sequences");
        }
        List<String> reads = split.prefix().inputNames();
        Map<String, Boundary> boundaries = new LinkedHashMap<>();
        try (OrtModelSession s = OrtRuntime.open(split.prefix().toBytes(), "frozen prefix", context)) {
            for (int from = 0; from < all.length; from += batchSize) {
                context.progress().checkCancelled();
                int to = Math.min(all.length, from + batchSize);
                try (ExampleSet.Batch x = data.inputs(all, from, to)) {
                    Map<String, OnnxTensor> feed = new HashMap<>(x.tensors());
                    feed.keySet().retainAll(reads);
                    try (OrtSession.Result r = OrtRuntime.onOrtThread(() -> s.session().run(feed))) {
                        for (String name : split.boundaries()) {
                            OnnxTensor out = (OnnxTensor) r.get(name).orElseThrow();
                            boundaries.computeIfAbsent(name, n -> Boundary.of(n, split.perToken().contains(n),
                                    out.getInfo().getShape(), tokens, data.size()))
                                    .add(out, from, to - from);
                        }
                    }
                }
            }
        } catch (OrtException e) {
            throw new XferException("cannot run the frozen prefix up to " + split.boundary() + ": " + e.getMessage(),
                    e);
        }
        List<ExampleSet.Column> columns = new ArrayList<>();
        boundaries.values().forEach(b -> columns.add(b.column()));
        data.columns().stream().filter(c -> split.passed().contains(c.name())).forEach(columns::add);
        return data.withColumns(columns);
    }

    /** One boundary tensor's values for every example, filled batch by batch. */
    private record Boundary(String name, boolean perToken, long[] exampleShape, float[] values, int row) {

        /** Room for {@code size} examples shaped like {@code batchShape}, per-token ones at {@code tokens}. */
        static Boundary of(String name, boolean perToken, long[] batchShape, int tokens, int size) {
            long[] example = Arrays.copyOfRange(batchShape, 1, batchShape.length);
            if (perToken) {
                example[0] = tokens;
            }
            int per = Math.toIntExact(org.xfer4j.api.data.Tensor.elementCount(example));
            int row = perToken ? per / tokens : per;
            return new Boundary(name, perToken, example, new float[Math.multiplyExact(per, size)], row);
        }

        /** Stores the outputs of examples {@code from..from + n - 1}. */
        void add(OnnxTensor out, int from, int n) {
            FloatBuffer b = out.getFloatBuffer();
            if (!perToken) {
                b.get(values, from * row, n * row);
                return;
            }
            int tokens = (int) exampleShape[0];
            int length = (int) out.getInfo().getShape()[1];
            for (int i = 0; i < n; i++) {
                b.get(values, (from + i) * tokens * row, length * row);
            }
        }

        ExampleSet.Column column() {
            return perToken ? ExampleSet.Column.perToken(name, exampleShape, values)
                    : ExampleSet.Column.floats(name, exampleShape, values);
        }
    }
}
