package org.xfer4j.importer.tfjs;

import java.util.List;

/**
 * One call of a Keras layer being translated: the layer, the name its output tensor must carry, its input tensors,
 * and the graph and weights to translate into.
 */
record LayerCall(KerasLayer layer, String out, List<KTensor> inputs, OnnxGraph graph, LayerWeights weights) {

    /** The single input, or an error when the layer was called on several tensors. */
    KTensor input() {
        if (inputs.size() != 1) {
            throw new TfjsFormatException(layer.describe() + " expects one input, got " + inputs.size());
        }
        return inputs.getFirst();
    }

    /** The single input, which must be a rank-4 (image) tensor. */
    KTensor imageInput() {
        KTensor in = input();
        if (!in.channelsFirst()) {
            throw layer.unsupported("expects a rank-4 [batch, height, width, channels] input, got shape "
                    + java.util.Arrays.toString(in.shape()));
        }
        String format = config().string("data_format", "channels_last");
        if (!format.equals("channels_last")) {
            throw layer.unsupported("data_format " + format + " (only channels_last is imported)");
        }
        return in;
    }

    Config config() {
        return layer.config();
    }

    /** A name for an intermediate tensor of this call: {@code <out>/<suffix>}. */
    String name(String suffix) {
        return out + "/" + suffix;
    }

    /** The weight {@code param} of this layer (e.g. "kernel"). */
    Weight weight(String param) {
        return weights.get(layer, param);
    }

    /** Adds weight {@code param} to the graph as is (a vector such as a bias) and returns its initialiser name. */
    String vector(String param) {
        Weight w = weight(param);
        return graph.floats(initializerName(param), w.values(), w.values().length);
    }

    /** The inputs of a Gemm or Conv node: {@code input}, {@code kernel}, then weight "bias" when {@code bias}. */
    List<String> withBias(String input, String kernel, boolean bias) {
        return bias ? List.of(input, kernel, vector("bias")) : List.of(input, kernel);
    }

    /** The initialiser name of weight {@code param}: {@code <layer>/<param>}, unique per call. */
    String initializerName(String param) {
        return out + "/" + param;
    }

    /** A tensor of this call's output name and Keras shape. */
    KTensor result(long... kerasShape) {
        return new KTensor(out, kerasShape);
    }
}
