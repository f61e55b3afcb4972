package org.xfer4j.training.autodiff;

import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;

/**
 * ScatterElements (no reduction, or addition) and GatherElements, each the other's gradient. Max pooling's rule
 * scatters its output gradient with them, so these rules are what lets a CNN's gradient graph be differentiated a
 * second time (second-order MAML). And Gather (an embedding lookup when its data is a parameter): the output gradient
 * scattered back and added up into zeros shaped like the data, so a token that occurs several times in a batch
 * collects each occurrence's share.
 */
final class IndexRules {

    private IndexRules() {
    }

    static void register(Map<String, GradientRule> r) {
        r.put("ScatterElements", IndexRules::scatterElements);
        r.put("GatherElements", IndexRules::gatherElements);
        r.put("Gather", IndexRules::gather);
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

    private static void gather(RuleContext c) {
        if (!c.needs(0)) {
            return;
        }
        Emitter e = c.e();
        String data = c.in(0);
        int rank = c.rank(data);
        int axis = (int) c.axis(c.attr("axis", 0L), data);
        int indexRank = c.rank(c.in(1));
        // Bring the gathered axis to the front of the data, and the index axes to the front of the gradient, so
        // one ScatterND over the first axis serves every Gather.
        long[] dataPerm = frontPermutation(rank, axis, 1);
        long[] gradPerm = frontPermutation(c.rank(c.out(0)), axis, indexRank);
        String dy = axis == 0 ? c.dy() : e.transpose(c.dy(), gradPerm);
        String frontData = axis == 0 ? data : e.transpose(data, dataPerm);
        String size = e.op("Gather", e.shape(frontData), e.ints(0));
        String idx = e.cast(c.in(1), ai.onnx.proto.OnnxMl.TensorProto.DataType.INT64_VALUE);
        // negative indices count from the end, as in Gather
        idx = e.op("Where", List.of(e.op("Less", idx, e.ints(0)), e.add(idx, size), idx));
        String zeros = e.op("ConstantOfShape", List.of(e.shape(frontData)), Attributes.of("value",
                TensorProtos.scalar("zero", c.elem(), 0).toBuilder().addDims(1).build()));
        String scattered = e.op("ScatterND", List.of(zeros, e.op("Unsqueeze", idx, e.ints(-1)), dy),
                Attributes.of("reduction", "add"));
        c.give(0, axis == 0 ? scattered : e.transpose(scattered, inverse(dataPerm)));
    }

    /** The permutation moving {@code count} axes starting at {@code axis} to the front, the rest in order. */
    private static long[] frontPermutation(int rank, int axis, int count) {
        long[] perm = new long[rank];
        int k = 0;
        for (int i = axis; i < axis + count; i++) {
            perm[k++] = i;
        }
        for (int i = 0; i < rank; i++) {
            if (i < axis || i >= axis + count) {
                perm[k++] = i;
            }
        }
        return perm;
    }

    private static long[] inverse(long[] perm) {
        long[] inv = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[(int) perm[i]] = i;
        }
        return inv;
    }
}
