package org.xfer4j.repurposers.finetune;

import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.runtime.onnx.graph.Init;
import org.xfer4j.runtime.onnx.graph.LayerSpec;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.ShapeProbe;

/**
 * The new classification head: global pooling of feature maps (or the source's pooling of sequences), flatten, and a
 * dense layer named {@value #NAME}.
 */
final class Heads {

    /** The dense layer's name; its parameters are {@code head.weight} and {@code head.bias}. */
    static final String NAME = "head";

    private Heads() {
    }

    static OnnxGraph attach(OnnxGraph g, int classes, long seed, Pooling pooling) {
        String out = g.outputNames().getFirst();
        int rank = ShapeProbe.probe(g.model(), Map.of()).get(out).rank();
        OnnxGraph pooled = switch (rank) {
            case 2 -> g;
            case 3 -> SequencePooling.apply(g, pooling);
            case 4 -> g.addOnTop(seed, LayerSpec.pool(LayerSpec.PoolKind.GLOBAL_AVERAGE, 1, 1), LayerSpec.flatten());
            default -> throw new InvalidInputException("layer output " + out + " has rank " + rank
                    + "; a head needs [N, features], [N, tokens, features] or [N, C, H, W]");
        };
        return pooled.addOnTop(seed, new LayerSpec.Dense(classes, Init.XAVIER, NAME));
    }

    static boolean isHead(String parameter) {
        return parameter.startsWith(NAME + ".");
    }
}
