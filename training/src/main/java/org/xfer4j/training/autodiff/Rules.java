package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** The gradient rule of every supported operator (default ONNX domain). */
final class Rules {

    private static final Map<String, GradientRule> RULES = new HashMap<>();

    static {
        ElementwiseRules.register(RULES);
        ActivationRules.register(RULES);
        LinearRules.register(RULES);
        ShapeRules.register(RULES);
        ReductionRules.register(RULES);
        ConvRules.register(RULES);
        PoolRules.register(RULES);
        IndexRules.register(RULES);
        NormalisationRules.register(RULES);
    }

    private Rules() {
    }

    static boolean has(NodeProto n) {
        return isDefaultDomain(n) && RULES.containsKey(n.getOpType());
    }

    static GradientRule of(NodeProto n) {
        if (!has(n)) {
            throw new UnsupportedOperatorException("layer " + n.getName() + " (" + n.getOpType()
                    + (isDefaultDomain(n) ? "" : ", domain " + n.getDomain()) + ") lies between a trainable "
                    + "parameter and the loss, and Xfer4j has no gradient rule for its operator; freeze the "
                    + "parameters below it or drop it. Supported: " + new TreeSet<>(RULES.keySet()));
        }
        return RULES.get(n.getOpType());
    }

    private static boolean isDefaultDomain(NodeProto n) {
        return n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
    }
}
