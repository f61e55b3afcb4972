package org.xfer4j.importer.tfjs;

import java.util.List;
import java.util.Map;

/**
 * Finds a layer's weights among the manifest's names: {@code <layer>/<param>} as TF.js Layers writes them, else the
 * one name ending in {@code /<layer>/<param>} (a scope prefix) or carrying a {@code :0} suffix.
 */
final class LayerWeights {

    private final Map<String, Weight> weights;

    LayerWeights(Map<String, Weight> weights) {
        this.weights = weights;
    }

    Weight get(KerasLayer layer, String param) {
        Weight w = find(layer, param);
        if (w == null) {
            throw new TfjsFormatException(layer.describe() + " needs weight '" + layer.name() + "/" + param
                    + "', which the weights manifest does not list");
        }
        return w;
    }

    boolean has(KerasLayer layer, String param) {
        return find(layer, param) != null;
    }

    private Weight find(KerasLayer layer, String param) {
        String key = layer.name() + "/" + param;
        Weight w = weights.get(key);
        if (w == null) {
            w = weights.get(key + ":0");
        }
        if (w != null) {
            return w;
        }
        List<Weight> scoped = weights.values().stream()
                .filter(x -> x.name().endsWith("/" + key) || x.name().endsWith("/" + key + ":0")).toList();
        if (scoped.size() > 1) {
            throw new TfjsFormatException(layer.describe() + ": weight " + key + " is ambiguous: "
                    + scoped.stream().map(Weight::name).toList());
        }
        return scoped.isEmpty() ? null : scoped.getFirst();
    }
}
