package org.xfer4j.training.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.graph.Attributes;

/** Flatten, Reshape, Squeeze, Unsqueeze, Expand, Concat, Pad (constant mode) and Slice (steps 1 and -1). */
final class ShapeRules {

    private ShapeRules() {
    }

    static void register(Map<String, GradientRule> r) {
        GradientRule reshapeBack = c -> c.give(0, c.e().reshape(c.dy(), c.e().shape(c.in(0))));
        for (String op : List.of("Flatten", "Reshape", "Squeeze", "Unsqueeze")) {
            r.put(op, reshapeBack);
        }
        r.put("Expand", c -> c.give(0, c.unbroadcast(c.dy(), c.in(0))));
        r.put("Concat", ShapeRules::concat);
        r.put("Pad", ShapeRules::pad);
        r.put("Slice", ShapeRules::slice);
    }

    private static void concat(RuleContext c) {
        long axis = c.axis(c.attr("axis", 0L), c.out(0));
        long offset = 0;
        for (int i = 0; i < c.inputCount(); i++) {
            long size = c.shape(c.in(i))[(int) axis];
            if (c.needs(i)) {
                c.give(i, c.e().op("Slice", List.of(c.dy(), c.e().ints(offset), c.e().ints(offset + size),
                        c.e().ints(axis))));
            }
            offset += size;
        }
    }

    private static void pad(RuleContext c) {
        String mode = Attributes.getString(c.node(), "mode", "constant");
        long[] pads = c.constInts(1);
        if (!mode.equals("constant") || pads == null || c.inputCount() > 3 && !c.in(3).isEmpty()) {
            throw c.unsupported("only constant-mode Pad with constant pads over all axes is differentiable");
        }
        int rank = pads.length / 2;
        if (c.rank(c.out(0)) != rank) {
            throw c.unsupported("pads of rank " + rank + " for an output of rank " + c.rank(c.out(0)));
        }
        long[] starts = new long[rank];
        long[] ends = new long[rank];
        for (int k = 0; k < rank; k++) {
            if (pads[k] < 0 || pads[k + rank] < 0) {
                throw c.unsupported("negative pads (cropping)");
            }
            starts[k] = pads[k];
            ends[k] = pads[k + rank] == 0 ? Long.MAX_VALUE : -pads[k + rank];
        }
        c.give(0, c.e().op("Slice", List.of(c.dy(), c.e().ints(starts), c.e().ints(ends))));
    }

    /**
     * The gradient of a slice with steps 1 or -1 is the output gradient, reversed back along the reversed axes, padded
     * with zeros to the input's shape (a whole-axis reversal, as the conv rule's kernel flip, needs no padding).
     */
    private static void slice(RuleContext c) {
        long[] in = c.shape(c.in(0));
        long[] starts = c.constInts(1);
        long[] ends = c.constInts(2);
        long[] axes = c.in(3).isEmpty() ? null : c.constInts(3);
        long[] steps = c.in(4).isEmpty() ? null : c.constInts(4);
        if (starts == null || ends == null || (!c.in(3).isEmpty() && axes == null)
                || (!c.in(4).isEmpty() && steps == null)) {
            throw c.unsupported("Slice with computed starts, ends, axes or steps");
        }
        long[] pads = new long[2 * in.length];
        List<Long> reversed = new ArrayList<>();
        for (int k = 0; k < starts.length; k++) {
            long step = steps == null ? 1 : steps[k];
            if (step != 1 && step != -1) {
                throw c.unsupported("Slice with step " + step);
            }
            int axis = (int) (axes == null ? k : c.axis(axes[k], c.in(0)));
            long dim = in[axis];
            long s = starts[k] < 0 ? starts[k] + dim : starts[k];
            long e = ends[k] < 0 ? ends[k] + dim : ends[k];
            if (step == 1) {
                s = clamp(s, 0, dim);
                e = clamp(e, 0, dim);
                pads[axis] = s;
                pads[axis + in.length] = dim - Math.max(e, s);
            } else {
                // the elements s, s-1, ..., e+1
                s = clamp(s, 0, dim - 1);
                e = clamp(e, -1, dim - 1);
                pads[axis] = Math.min(e + 1, s + 1);
                pads[axis + in.length] = dim - 1 - s;
                reversed.add((long) axis);
            }
        }
        Emitter em = c.e();
        String dy = c.dy();
        if (!reversed.isEmpty()) {
            long[] r = reversed.stream().mapToLong(Long::longValue).toArray();
            long[] minusOnes = new long[r.length];
            long[] lowest = new long[r.length];
            java.util.Arrays.fill(minusOnes, -1);
            java.util.Arrays.fill(lowest, Long.MIN_VALUE);
            dy = em.op("Slice", List.of(dy, em.ints(minusOnes), em.ints(lowest), em.ints(r), em.ints(minusOnes)));
        }
        boolean padded = java.util.Arrays.stream(pads).anyMatch(p -> p != 0);
        c.give(0, padded ? em.op("Pad", List.of(dy, em.ints(pads))) : dy);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(v, hi));
    }
}
