package org.xfer4j.training.autodiff;

import java.util.List;
import java.util.Map;

/** ReduceSum, ReduceMean, GlobalAveragePool, Softmax and LogSoftmax. */
final class ReductionRules {

    private ReductionRules() {
    }

    static void register(Map<String, GradientRule> r) {
        r.put("ReduceSum", c -> c.give(0, spread(c, axes(c, c.constInts(1)))));
        r.put("ReduceMean", c -> {
            long[] axes = c.in(1).isEmpty() ? c.ints("axes") : c.constInts(1);
            c.give(0, c.e().div(spread(c, axes(c, axes)), count(c)));
        });
        r.put("GlobalAveragePool", c -> c.give(0, c.e().div(c.e().op("Expand", c.dy(), c.e().shape(c.in(0))),
                count(c))));
        r.put("Softmax", c -> {
            String y = c.out(0);
            String dot = c.e().reduceSum(c.e().mul(c.dy(), y), true, c.axis(c.attr("axis", -1L), y));
            c.give(0, c.e().mul(y, c.e().sub(c.dy(), dot)));
        });
        r.put("LogSoftmax", c -> {
            String y = c.out(0);
            String sum = c.e().reduceSum(c.dy(), true, c.axis(c.attr("axis", -1L), y));
            c.give(0, c.e().sub(c.dy(), c.e().mul(c.e().op("Exp", y), sum)));
        });
    }

    /** The reduced axes, non-negative; null or empty means every axis. */
    private static long[] axes(RuleContext c, long[] axes) {
        int rank = c.rank(c.in(0));
        if (axes == null || axes.length == 0) {
            if (c.attr("noop_with_empty_axes", 0L) == 1) {
                return new long[0];
            }
            long[] all = new long[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        long[] out = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = c.axis(axes[i], c.in(0));
        }
        return out;
    }

    /** The output gradient broadcast back over the reduced axes. */
    private static String spread(RuleContext c, long[] axes) {
        String dy = c.dy();
        if (c.attr("keepdims", 1L) == 0 && axes.length > 0) {
            dy = c.e().op("Unsqueeze", dy, c.e().ints(axes));
        }
        return c.e().op("Expand", dy, c.e().shape(c.in(0)));
    }

    /** Elements averaged per output element: size(input) / size(output), computed at run time. */
    private static String count(RuleContext c) {
        return c.e().div(c.e().cast(c.e().op("Size", List.of(c.in(0))), c.elem()),
                c.e().cast(c.e().op("Size", List.of(c.out(0))), c.elem()));
    }
}
