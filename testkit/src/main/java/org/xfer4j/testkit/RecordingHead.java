package org.xfer4j.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.api.repurpose.OnnxHead;

/**
 * An {@link OnnxHead} that builds nothing but checks how a classifier uses it: every operator reads only values that
 * exist at that point (the features, constants, earlier outputs, a loop's carried values), loop bodies return a
 * condition and every carried value, and the probabilities are declared once.
 */
final class RecordingHead implements OnnxHead {

    private final Set<String> known;
    private final int[] counter;
    private final List<String> operators;
    private int declared;
    private String probabilities;

    RecordingHead() {
        this(new HashSet<>(Set.of("features")), new int[1], new ArrayList<>());
    }

    private RecordingHead(Set<String> known, int[] counter, List<String> operators) {
        this.known = known;
        this.counter = counter;
        this.operators = operators;
    }

    @Override
    public String features() {
        return "features";
    }

    @Override
    public int opset() {
        return 13;
    }

    @Override
    public String constant(double[] values, long... shape) {
        requireSize(values.length, shape);
        return fresh();
    }

    @Override
    public String constantInts(long[] values, long... shape) {
        requireSize(values.length, shape);
        return fresh();
    }

    @Override
    public String op(String opType, Map<String, ?> attributes, String... inputs) {
        for (String in : inputs) {
            if (!known.contains(in)) {
                throw new AssertionError(opType + " reads '" + in + "', which no earlier call made");
            }
        }
        operators.add(opType);
        return fresh();
    }

    @Override
    public String reduce(String opType, String input, boolean keepDims, long... axes) {
        return op(opType, Map.of(), input);
    }

    @Override
    public List<String> loop(long maxTrips, List<String> initial, LoopBody body) {
        initial.forEach(v -> op("Identity", v));
        Set<String> inner = new HashSet<>(known);
        List<String> carried = new ArrayList<>();
        for (int i = 0; i < initial.size(); i++) {
            String c = "carried" + counter[0]++;
            inner.add(c);
            carried.add(c);
        }
        List<String> out = body.iterate(new RecordingHead(inner, counter, operators), carried);
        if (out.size() != initial.size() + 1) {
            throw new AssertionError("a loop body returned " + out.size() + " values for " + initial.size()
                    + " carried ones; it must return a condition and each carried value");
        }
        out.forEach(v -> {
            if (!inner.contains(v)) {
                throw new AssertionError("a loop body returned '" + v + "', which it never made");
            }
        });
        List<String> results = new ArrayList<>();
        initial.forEach(v -> results.add(fresh()));
        return results;
    }

    @Override
    public void probabilities(String value) {
        if (!known.contains(value)) {
            throw new AssertionError("the probabilities '" + value + "' were never made");
        }
        declared++;
        probabilities = value;
    }

    /** How often the probabilities were declared. */
    int declarations() {
        return declared;
    }

    /** The operator types written, in order (loop bodies included). */
    List<String> operators() {
        return operators;
    }

    private String fresh() {
        String v = "v" + counter[0]++;
        known.add(v);
        return v;
    }

    private static void requireSize(int count, long... shape) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (size != count) {
            throw new AssertionError("a constant of shape " + java.util.Arrays.toString(shape) + " needs " + size
                    + " values, got " + count);
        }
    }
}
