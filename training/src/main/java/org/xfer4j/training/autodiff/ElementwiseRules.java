package org.xfer4j.training.autodiff;

import java.util.Map;

/** Arithmetic with broadcasting (Add, Sub, Mul, Div, Sum, Neg), Identity, Cast, CastLike, Where, Exp, Log, Sqrt, Pow. */
final class ElementwiseRules {

    private ElementwiseRules() {
    }

    static void register(Map<String, GradientRule> r) {
        r.put("Identity", c -> c.give(0, c.dy()));
        r.put("Neg", c -> c.give(0, c.e().neg(c.dy())));
        r.put("Add", c -> {
            c.give(0, c.unbroadcast(c.dy(), c.in(0)));
            c.give(1, c.unbroadcast(c.dy(), c.in(1)));
        });
        r.put("Sub", c -> {
            c.give(0, c.unbroadcast(c.dy(), c.in(0)));
            if (c.needs(1)) {
                c.give(1, c.unbroadcast(c.e().neg(c.dy()), c.in(1)));
            }
        });
        r.put("Sum", c -> {
            for (int i = 0; i < c.inputCount(); i++) {
                c.give(i, c.unbroadcast(c.dy(), c.in(i)));
            }
        });
        r.put("Mul", c -> {
            if (c.needs(0)) {
                c.give(0, c.unbroadcast(c.e().mul(c.dy(), c.in(1)), c.in(0)));
            }
            if (c.needs(1)) {
                c.give(1, c.unbroadcast(c.e().mul(c.dy(), c.in(0)), c.in(1)));
            }
        });
        r.put("Div", c -> {
            if (c.needs(0)) {
                c.give(0, c.unbroadcast(c.e().div(c.dy(), c.in(1)), c.in(0)));
            }
            if (c.needs(1)) {
                // d(a/b)/db = -(a/b)/b
                String g = c.e().neg(c.e().div(c.e().mul(c.dy(), c.out(0)), c.in(1)));
                c.give(1, c.unbroadcast(g, c.in(1)));
            }
        });
        r.put("Cast", c -> c.give(0, c.e().cast(c.dy(), c.type(c.in(0)).elemType())));
        r.put("CastLike", c -> c.give(0, c.e().cast(c.dy(), c.type(c.in(0)).elemType())));
        r.put("Where", c -> {
            String zero = c.scalar(0);
            if (c.needs(1)) {
                c.give(1, c.unbroadcast(c.e().op("Where", java.util.List.of(c.in(0), c.dy(), zero)), c.in(1)));
            }
            if (c.needs(2)) {
                c.give(2, c.unbroadcast(c.e().op("Where", java.util.List.of(c.in(0), zero, c.dy())), c.in(2)));
            }
        });
        r.put("Exp", c -> c.give(0, c.e().mul(c.dy(), c.out(0))));
        r.put("Log", c -> c.give(0, c.e().div(c.dy(), c.in(0))));
        r.put("Sqrt", c -> c.give(0, c.e().div(c.dy(), c.e().mul(c.scalar(2), c.out(0)))));
        r.put("Pow", ElementwiseRules::pow);
    }

    /** y = x^p: dy/dx = p x^(p-1), dy/dp = y ln x (for x > 0, where the power is defined for every real p). */
    private static void pow(RuleContext c) {
        Emitter e = c.e();
        String p = c.type(c.in(1)).elemType() == c.elem() ? c.in(1) : e.cast(c.in(1), c.elem());
        if (c.needs(0)) {
            String slope = e.mul(p, e.op("Pow", c.in(0), e.sub(p, c.scalar(1))));
            c.give(0, c.unbroadcast(e.mul(c.dy(), slope), c.in(0)));
        }
        if (c.needs(1)) {
            c.give(1, c.unbroadcast(e.mul(c.dy(), e.mul(c.out(0), e.op("Log", c.in(0)))), c.in(1)));
        }
    }
}
