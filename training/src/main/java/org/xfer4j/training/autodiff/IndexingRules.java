package org.xfer4j.training.autodiff;

import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;

/**
 * Gather (an embedding lookup when its data is a parameter): the output gradient scattered back and added up into
 * zeros shaped like the data, so a token that occurs several times in a batch collects each occurrence's share.
 */
final class IndexingRules {

    private IndexingRules() {
    }

    static void register(Map<String, GradientRule> r) {
        r.put("Gather", IndexingRules::gather);
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
