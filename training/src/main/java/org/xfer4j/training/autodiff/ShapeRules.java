package org.xfer4j.training.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.graph.Attributes;

/** Flatten, Reshape, Squeeze, Unsqueeze, Expand, Concat, Pad (constant mode) and Slice (unit steps). */
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

    /** The gradient of a unit-step slice is the output gradient padded back with zeros. */
    private static void slice(RuleContext c) {
        long[] in = c.shape(c.in(0));
        long[] starts = c.constInts(1);
        long[] ends = c.constInts(2);
        long[] axes = c.in(3).isEmpty() ? null : c.constInts(3);
        long[] steps = c.in(4).isEmpty() ? null : c.constInts(4);
        if (starts == null || ends == null || (!c.in(3).isEmpty() && axes == null)) {
            throw c.unsupported("Slice with computed starts, ends or axes");
        }
        long[] pads = new long[2 * in.length];
        for (int k = 0; k < starts.length; k++) {
            if (steps != null && steps[k] != 1) {
                throw c.unsupported("Slice with step " + steps[k]);
            }
            int axis = (int) (axes == null ? k : c.axis(axes[k], c.in(0)));
            long dim = in[axis];
            long s = clamp(starts[k] < 0 ? starts[k] + dim : starts[k], dim);
            long e = clamp(ends[k] < 0 ? ends[k] + dim : ends[k], dim);
            pads[axis] = s;
            pads[axis + in.length] = dim - Math.max(e, s);
        }
        List<String> inputs = new ArrayList<>(List.of(c.dy(), c.e().ints(pads)));
        c.give(0, c.e().op("Pad", inputs));
    }

    private static long clamp(long v, long dim) {
        return Math.max(0, Math.min(v, dim));
    }
}
