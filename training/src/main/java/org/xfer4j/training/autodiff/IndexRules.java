package org.xfer4j.training.autodiff;

import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;

/**
 * ScatterElements (no reduction, or addition) and GatherElements, each the other's gradient. Max pooling's rule
 * scatters its output gradient with them, so these rules are what lets a CNN's gradient graph be differentiated a
 * second time (second-order MAML).
 */
final class IndexRules {

    private IndexRules() {
    }

    static void register(Map<String, GradientRule> r) {
        r.put("ScatterElements", IndexRules::scatterElements);
        r.put("GatherElements", IndexRules::gatherElements);
    }

    private static void scatterElements(RuleContext c) {
        String reduction = Attributes.getString(c.node(), "reduction", "none");
        if (!reduction.equals("none") && !reduction.equals("add")) {
            throw c.unsupported("ScatterElements with reduction " + reduction);
        }
        Emitter e = c.e();
        long axis = c.axis(c.attr("axis", 0L), c.in(0));
        if (c.needs(0)) {
            // with addition every element of the data passes through; otherwise the scattered ones are overwritten
            c.give(0, reduction.equals("add") ? c.dy() : e.op("ScatterElements", List.of(c.dy(), c.in(1),
                    zerosLike(c, c.in(2))), Attributes.of("axis", axis)));
        }
        if (c.needs(2)) {
            c.give(2, e.op("GatherElements", List.of(c.dy(), c.in(1)), Attributes.of("axis", axis)));
        }
    }

    private static void gatherElements(RuleContext c) {
        long axis = c.axis(c.attr("axis", 0L), c.in(0));
        c.give(0, c.e().op("ScatterElements", List.of(zerosLike(c, c.in(0)), c.in(1), c.dy()),
                Attributes.of("axis", axis), Attributes.of("reduction", "add")));
    }

    /** Zeros shaped like {@code tensor}, of the node's element type. */
    static String zerosLike(RuleContext c, String tensor) {
        return c.e().op("ConstantOfShape", List.of(c.e().shape(tensor)), Attributes.of("value",
                TensorProtos.scalar("value", c.elem(), 0).toBuilder().addDims(1).build()));
    }
}
