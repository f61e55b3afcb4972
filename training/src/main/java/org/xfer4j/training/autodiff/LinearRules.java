package org.xfer4j.training.autodiff;

import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.graph.Attributes;

/** Gemm, MatMul (batched, broadcasting) and Transpose: products of the output gradient with the other factor. */
final class LinearRules {

    private LinearRules() {
    }

    static void register(Map<String, GradientRule> r) {
        r.put("Gemm", LinearRules::gemm);
        r.put("MatMul", LinearRules::matMul);
        r.put("Transpose", c -> {
            long[] perm = c.ints("perm");
            int rank = c.rank(c.in(0));
            long[] inverse = new long[rank];
            for (int i = 0; i < rank; i++) {
                inverse[perm == null ? rank - 1 - i : (int) perm[i]] = i;
            }
            c.give(0, c.e().transpose(c.dy(), inverse));
        });
    }

    /** Y = alpha op(A) op(B) + beta C, op transposing where transA / transB is set. */
    private static void gemm(RuleContext c) {
        float alpha = c.attr("alpha", 1f);
        boolean ta = c.attr("transA", 0L) == 1;
        boolean tb = c.attr("transB", 0L) == 1;
        String a = c.in(0);
        String b = c.in(1);
        String dy = c.dy();
        if (c.needs(0)) {
            c.give(0, ta ? gemm(c, b, dy, alpha, tb, true) : gemm(c, dy, b, alpha, false, !tb));
        }
        if (c.needs(1)) {
            c.give(1, tb ? gemm(c, dy, a, alpha, true, ta) : gemm(c, a, dy, alpha, !ta, false));
        }
        if (c.needs(2)) {
            float beta = c.attr("beta", 1f);
            String scaled = beta == 1f ? dy : c.e().mul(dy, c.scalar(beta));
            c.give(2, c.unbroadcast(scaled, c.in(2)));
        }
    }

    private static String gemm(RuleContext c, String x, String y, float alpha, boolean tx, boolean ty) {
        return c.e().op("Gemm", List.of(x, y), Attributes.of("alpha", alpha), Attributes.of("transA", tx ? 1L : 0L),
                Attributes.of("transB", ty ? 1L : 0L));
    }

    private static void matMul(RuleContext c) {
        String a = c.in(0);
        String b = c.in(1);
        if (c.rank(a) < 2 || c.rank(b) < 2) {
            throw c.unsupported("MatMul of rank-1 operands; reshape them to matrices");
        }
        if (c.needs(0)) {
            c.give(0, c.unbroadcast(c.e().op("MatMul", c.dy(), lastTwoSwapped(c, b)), a));
        }
        if (c.needs(1)) {
            c.give(1, c.unbroadcast(c.e().op("MatMul", lastTwoSwapped(c, a), c.dy()), b));
        }
    }

    private static String lastTwoSwapped(RuleContext c, String t) {
        int rank = c.rank(t);
        long[] perm = new long[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        perm[rank - 2] = rank - 1;
        perm[rank - 1] = rank - 2;
        return c.e().transpose(t, perm);
    }
}
