package org.xfer4j.api.repurpose;

import java.util.List;
import java.util.Map;

/**
 * Where a classifier writes its prediction as standard ONNX operators, so the host can export the source layers and
 * the head as one graph (since SPI 1.2). Values are named by strings; the features and every tensor a head computes
 * are float64, so the graph reproduces the double arithmetic of {@link FeatureClassifier#predict}.
 */
public interface OnnxHead {

    /** The [N, featureCount] float64 features: the pooled layer activations, concatenated as predict receives them. */
    String features();

    /** The default-domain ONNX opset of the graph (13 or later): reductions and Slice take the forms it defines. */
    int opset();

    /** A constant float64 tensor of {@code shape} (row-major {@code values}). */
    String constant(double[] values, long... shape);

    /** A constant int64 tensor of {@code shape}. */
    String constantInts(long[] values, long... shape);

    /**
     * A node of {@code opType} (default ONNX domain) on {@code inputs}; returns its (only) output. Attribute values
     * may be Long or Integer (int), Double or Float (float), long[] (ints) or String.
     */
    String op(String opType, Map<String, ?> attributes, String... inputs);

    /** A node without attributes. */
    default String op(String opType, String... inputs) {
        return op(opType, Map.of(), inputs);
    }

    /** ReduceSum, ReduceMean, ReduceMax or ReduceMin of {@code input} over {@code axes} (all axes where none). */
    String reduce(String opType, String input, boolean keepDims, long... axes);

    /** Columns [from, to) of a rank-2 {@code input}. */
    default String columns(String input, long from, long to) {
        return op("Slice", input, constantInts(new long[] {from}, 1), constantInts(new long[] {to}, 1),
                constantInts(new long[] {1}, 1));
    }

    /**
     * An ONNX Loop of at most {@code maxTrips} iterations over float64 values carried from {@code initial}; returns
     * their final values. Each iteration is built once by {@code body} in its own head (which sees every value of
     * this one) and stops the loop when its condition is false.
     */
    List<String> loop(long maxTrips, List<String> initial, LoopBody body);

    /** One iteration of a {@link #loop}. */
    @FunctionalInterface
    interface LoopBody {
        /**
         * The iteration's outputs: first a boolean scalar (go on?), then the next value of each carried value.
         *
         * @param body    the head to add the iteration's nodes to
         * @param carried the carried values at the start of the iteration
         */
        List<String> iterate(OnnxHead body, List<String> carried);
    }

    /** Declares {@code value}, [N, classes] float64, as the class probabilities; called once, last. */
    void probabilities(String value);
}
