package org.xfer4j.importer.tfjs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.importer.tfjs.KerasLayer.TensorRef;

/**
 * The layers of a Keras model config and which tensors are its inputs and outputs. Functional configs (class Model
 * or Functional, Keras 2 or Keras 3 node format) are read as they are; a Sequential config becomes a chain behind an
 * input layer built from its first layer's {@code batch_input_shape}.
 */
record KerasTopology(String name, Map<String, KerasLayer> layers, List<TensorRef> inputs, List<TensorRef> outputs) {

    static KerasTopology of(Config modelConfig) {
        String cls = modelConfig.string("class_name");
        return switch (cls) {
            case "Model", "Functional" -> functional(modelConfig.object("config"));
            case "Sequential" -> sequential(modelConfig);
            default -> throw new UnsupportedLayerException(modelConfig.owner() + ": model class " + cls
                    + " is not supported; expected Model, Functional or Sequential");
        };
    }

    private static KerasTopology functional(Config config) {
        Map<String, KerasLayer> layers = new LinkedHashMap<>();
        for (Object o : config.list("layers")) {
            Config l = Config.of(config.owner() + " layer", o);
            String name = l.has("name") ? l.string("name") : l.object("config").string("name");
            Config c = Config.of("layer '" + name + "' config", l.raw("config"));
            List<List<TensorRef>> calls = new ArrayList<>();
            for (Object node : l.list("inbound_nodes")) {
                List<TensorRef> refs = new ArrayList<>();
                collectRefs(node, refs, name);
                calls.add(refs);
            }
            layers.put(name, new KerasLayer(name, l.string("class_name"), c, calls));
        }
        return new KerasTopology(config.string("name", "model"), layers, refs(config, "input_layers"),
                refs(config, "output_layers"));
    }

    private static KerasTopology sequential(Config modelConfig) {
        Object raw = modelConfig.raw("config");
        Config config = raw instanceof List<?> ? new Config("Sequential", Map.of("layers", raw))
                : modelConfig.object("config");
        List<Object> list = config.list("layers");
        if (list.isEmpty()) {
            throw new TfjsFormatException(config.owner() + " has no layers");
        }
        Map<String, KerasLayer> layers = new LinkedHashMap<>();
        String previous = null;
        for (Object o : list) {
            Config l = Config.of(config.owner() + " layer", o);
            Config c = l.object("config");
            String name = c.string("name");
            String cls = l.string("class_name");
            if (previous == null && !cls.equals("InputLayer")) {
                previous = name + "_input";
                layers.put(previous, new KerasLayer(previous, "InputLayer", c, List.of()));
            }
            List<List<TensorRef>> calls = previous == null ? List.of() : List.of(List.of(new TensorRef(previous, 0, 0)));
            layers.put(name, new KerasLayer(name, cls, c, calls));
            previous = name;
        }
        String first = layers.keySet().iterator().next();
        return new KerasTopology(config.string("name", "sequential"), layers, List.of(new TensorRef(first, 0, 0)),
                List.of(new TensorRef(previous, 0, 0)));
    }

    /** Finds tensor references in a Keras 2 node ([[name, call, tensor, kwargs], ...]) or a Keras 3 node. */
    private static void collectRefs(Object node, List<TensorRef> out, String owner) {
        if (node instanceof List<?> l && l.size() >= 3 && l.get(0) instanceof String s && l.get(1) instanceof Double c
                && l.get(2) instanceof Double t) {
            out.add(new TensorRef(s, c.intValue(), t.intValue()));
        } else if (node instanceof List<?> l) {
            for (Object x : l) {
                collectRefs(x, out, owner);
            }
        } else if (node instanceof Map<?, ?> m) {
            if (m.get("keras_history") != null) {
                collectRefs(m.get("keras_history"), out, owner);
                return;
            }
            if (m.get("config") != null) {
                collectRefs(m.get("config"), out, owner);
            }
            if (m.get("args") != null) {
                collectRefs(m.get("args"), out, owner);
            }
        }
    }

    private static List<TensorRef> refs(Config config, String key) {
        List<TensorRef> out = new ArrayList<>();
        collectRefs(config.raw(key), out, config.owner());
        if (out.isEmpty()) {
            throw new TfjsFormatException(config.owner() + ": '" + key + "' names no layer");
        }
        return out;
    }
}
