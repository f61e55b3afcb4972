package org.xfer4j.repurposers.finetune;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;

/**
 * The depth of each transferred parameter of a transformer encoder as Hugging Face exports name it: the embeddings
 * at depth 0, block {@code layer.K} at depth K + 1. A parameter whose own name does not say (a MatMul weight called
 * {@code onnx::MatMul_787}) takes the depth of the layer that reads it ({@code /encoder/layer.0/.../MatMul}).
 */
final class EncoderLayers {

    private static final Pattern BLOCK = Pattern.compile("(?:^|[./])layers?[._](\\d+)(?:[./]|$)");
    private static final Pattern EMBEDDINGS = Pattern.compile("(?:^|[./])embeddings(?:[./]|$)");

    private final Map<String, Integer> depths;
    private final int top;

    private EncoderLayers(Map<String, Integer> depths) {
        this.depths = depths;
        this.top = depths.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    /** The depths of {@code graph}'s transferred parameters (head parameters excluded). */
    static EncoderLayers of(OnnxGraph graph) {
        Map<String, Integer> byReader = new HashMap<>();
        Set<String> parameters = graph.parameters();
        for (NodeProto n : graph.model().getGraph().getNodeList()) {
            for (String in : n.getInputList()) {
                if (parameters.contains(in) && !byReader.containsKey(in)) {
                    Integer d = depth(n.getName());
                    if (d != null) {
                        byReader.put(in, d);
                    }
                }
            }
        }
        Map<String, Integer> depths = new LinkedHashMap<>();
        for (String p : parameters) {
            if (Heads.isHead(p)) {
                continue;
            }
            Integer d = depth(p);
            if (d == null) {
                d = byReader.get(p);
            }
            if (d != null) {
                depths.put(p, d);
            }
        }
        return new EncoderLayers(depths);
    }

    private static Integer depth(String name) {
        Matcher m = BLOCK.matcher(name);
        if (m.find()) {
            return Integer.parseInt(m.group(1)) + 1;
        }
        return EMBEDDINGS.matcher(name).find() ? 0 : null;
    }

    /** The deepest depth (the number of blocks), or -1 where no parameter is numbered. */
    int top() {
        return top;
    }

    /**
     * The same graph with every transferred parameter below the top {@code count} depths frozen (the head and
     * parameters of unknown depth stay trainable); every depth trains at -1.
     */
    OnnxGraph trainTop(OnnxGraph graph, int count) {
        if (count < 0) {
            return graph;
        }
        if (top < 0) {
            throw new InvalidOptionException("trainLayers needs a model whose parameters are numbered by block "
                    + "(layer.K, as in transformer encoders); this one has none");
        }
        int lowestTrained = top + 1 - count;
        return graph.freeze(l -> l.parameters().stream().anyMatch(p -> depths.getOrDefault(p, top + 1)
                < lowestTrained));
    }

    /**
     * Parameter groups with learning rates: the head at {@code headRate}, depth d at {@code rate} x
     * {@code decay}^(top - d), so the top block trains at {@code rate} and lower ones slower; one group of the
     * transferred layers where {@code decay} is 1 or no depth is known.
     */
    Plan plan(double headRate, double rate, double decay) {
        Map<String, Predicate<String>> groups = new LinkedHashMap<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        groups.put("head", Heads::isHead);
        rates.put("head", headRate);
        rates.put("default", rate);
        if (decay != 1 && top >= 0) {
            for (int d = 0; d <= top; d++) {
                int depth = d;
                String name = "depth." + d;
                groups.put(name, p -> depths.getOrDefault(p, -1) == depth);
                rates.put(name, rate * Math.pow(decay, top - d));
            }
        }
        return new Plan(groups, rates);
    }

    /** Parameter groups (first match wins) and the base learning rate of each, "default" for the rest. */
    record Plan(Map<String, Predicate<String>> groups, Map<String, Double> rates) {
    }
}
