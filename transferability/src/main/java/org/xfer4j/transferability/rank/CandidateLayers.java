package org.xfer4j.transferability.rank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xfer4j.api.model.ClassificationHead;
import org.xfer4j.api.model.LayerInfo;
import org.xfer4j.api.model.SourceModel;

/**
 * Picks candidate layers of a model for {@code --layers auto}: a spread of block outputs over the later two thirds
 * of the network (CNN blocks such as MobileNet's {@code block_N} or Inception's {@code mixedN}, transformer layers
 * {@code layer.N}; early blocks rarely transfer best and cost the most memory), the model's default feature layer
 * (a last block that it merely pools is left out, being the same features), and the hidden layers of its own
 * classification head.
 */
public final class CandidateLayers {

    /** Block outputs picked per model. */
    public static final int BLOCKS = 4;

    /** Block names: Keras MobileNet blocks, Hugging Face transformer layers, Keras Inception mixed blocks. */
    private static final List<Pattern> BLOCK = List.of(Pattern.compile("(?<![A-Za-z0-9])(block_\\d+)(?!\\d)"),
            Pattern.compile("(?<![A-Za-z0-9])(layer\\.\\d+)(?!\\d)"), Pattern.compile("^(mixed\\d+)$"));

    /** Operators whose outputs are not float activations (quantised copies, shapes, casts). */
    private static final Set<String> NOT_FEATURES = Set.of("DynamicQuantizeLinear", "QuantizeLinear", "Cast",
            "Shape", "Constant", "ConstantOfShape", "Gather", "Unsqueeze", "Squeeze");

    private static final Set<String> POOLING = Set.of("AveragePool", "GlobalAveragePool", "MaxPool",
            "GlobalMaxPool", "Flatten", "Transpose", "Reshape", "Squeeze", "Identity");

    private static final Set<String> ACTIVATIONS = Set.of("Relu", "Tanh", "Sigmoid", "Gelu", "Clip", "LeakyRelu");

    private CandidateLayers() {
    }

    /** The automatic candidates of {@code model}, in network order, without repeats. */
    public static List<String> auto(SourceModel model) {
        String feature = model.layer(model.defaultFeatureLayer()).name();
        List<String> ends = new ArrayList<>(blockEnds(model.layers()));
        if (!ends.isEmpty() && onlyPooledBetween(model.layers(), ends.getLast(), feature)) {
            ends.removeLast(); // the feature layer is that block's output pooled: the same features twice
        }
        Set<String> picked = new LinkedHashSet<>();
        if (ends.size() >= 2) {
            int start = ends.size() / 3;
            int span = ends.size() - 1 - start;
            int count = Math.min(BLOCKS, span + 1);
            for (int j = 0; j < count; j++) {
                picked.add(ends.get(start + (int) Math.round(span * (count == 1 ? 1.0 : (double) j / (count - 1)))));
            }
        }
        picked.add(feature);
        model.classificationHead().map(ClassificationHead::layer)
                .ifPresent(head -> picked.addAll(headHiddenLayers(model.layers(), feature, head)));
        return new ArrayList<>(picked);
    }

    /** Per block, in network order, its last node that outputs float activations. */
    static List<String> blockEnds(List<LayerInfo> layers) {
        Map<String, String> last = new LinkedHashMap<>();
        for (LayerInfo l : layers) {
            if (NOT_FEATURES.contains(l.opType())) {
                continue;
            }
            for (Pattern p : BLOCK) {
                Matcher m = p.matcher(l.name());
                if (m.find()) {
                    last.remove(m.group(1)); // re-insert, so a block's order is where it ends
                    last.put(m.group(1), l.name());
                    break;
                }
            }
        }
        return new ArrayList<>(last.values());
    }

    /** Whether only pooling and reshaping lie after {@code block} up to and including {@code feature}. */
    private static boolean onlyPooledBetween(List<LayerInfo> layers, String block, String feature) {
        boolean after = false;
        for (LayerInfo l : layers) {
            if (after && !POOLING.contains(l.opType())) {
                return false;
            }
            if (l.name().equals(feature)) {
                return after;
            }
            after |= l.name().equals(block);
        }
        return false;
    }

    /** Activation layers between the feature layer and the head: the head's own hidden layers. */
    private static List<String> headHiddenLayers(List<LayerInfo> layers, String feature, String head) {
        List<String> out = new ArrayList<>();
        boolean after = false;
        for (LayerInfo l : layers) {
            if (l.name().equals(head)) {
                break;
            }
            if (after && ACTIVATIONS.contains(l.opType())) {
                out.add(l.name());
            }
            after |= l.name().equals(feature);
        }
        return out;
    }
}
