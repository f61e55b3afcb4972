package org.xfer4j.training.autodiff;

import java.util.List;
import java.util.Map;

/**
 * Relu, LeakyRelu, Sigmoid, Tanh, Erf, Gelu (exact and tanh form), HardSigmoid, Clip and Dropout. Piecewise-linear rules multiply by a mask that does
 * not depend on the differentiated values, so the product rule differentiates them again.
 */
final class ActivationRules {

    private ActivationRules() {
    }

    static void register(Map<String, GradientRule> r) {
        r.put("Relu", c -> c.give(0, c.e().mul(c.dy(), mask(c, c.e().op("Greater", c.in(0), c.scalar(0))))));
        r.put("LeakyRelu", c -> {
            String slope = c.e().op("Where", List.of(c.e().op("Greater", c.in(0), c.scalar(0)), c.scalar(1),
                    c.scalar(c.attr("alpha", 0.01f))));
            c.give(0, c.e().mul(c.dy(), slope));
        });
        r.put("Sigmoid", c -> c.give(0, c.e().mul(c.dy(), c.e().mul(c.out(0), c.e().sub(c.scalar(1), c.out(0))))));
        r.put("Tanh", c -> c.give(0, c.e().mul(c.dy(), c.e().sub(c.scalar(1), c.e().mul(c.out(0), c.out(0))))));
        // d erf(x)/dx = 2/sqrt(pi) exp(-x^2)
        r.put("Erf", c -> c.give(0, c.e().mul(c.dy(), c.e().mul(c.scalar(2 / Math.sqrt(Math.PI)),
                c.e().op("Exp", c.e().neg(c.e().mul(c.in(0), c.in(0))))))));
        r.put("Gelu", ActivationRules::gelu);
        r.put("HardSigmoid", c -> {
            double alpha = c.attr("alpha", 0.2f);
            double beta = c.attr("beta", 0.5f);
            String z = c.in(0);
            String inside = c.e().op("And", c.e().op("Greater", z, c.scalar(-beta / alpha)),
                    c.e().op("Less", z, c.scalar((1 - beta) / alpha)));
            c.give(0, c.e().mul(c.e().mul(c.dy(), mask(c, inside)), c.scalar(alpha)));
        });
        r.put("Clip", ActivationRules::clip);
        r.put("Dropout", new GradientRule() {
            @Override
            public void backward(RuleContext c) {
                if (c.in(2).isEmpty()) {
                    c.give(0, c.dy());
                    return;
                }
                // training mode: y = x * mask / (1 - ratio); in inference mode the mask is all true and ratio ignored
                String scale = c.in(1).isEmpty() ? c.scalar(2)
                        : c.e().div(c.scalar(1), c.e().sub(c.scalar(1), c.e().cast(c.in(1), c.elem())));
                String kept = c.e().op("Where", List.of(c.in(2), scale, c.scalar(1)));
                String m = c.e().op("Where", List.of(c.out(1), kept, c.scalar(0)));
                c.give(0, c.e().mul(c.dy(), m));
            }

            @Override
            public ai.onnx.proto.OnnxMl.NodeProto prepare(ai.onnx.proto.OnnxMl.NodeProto n) {
                return n.getOutputCount() > 1 ? n : n.toBuilder().addOutput(n.getName() + ".mask").build();
            }
        });
    }

    /**
     * Clip passes the gradient where min &lt; x &lt; max, which is where min &lt; y &lt; max for its output y (for any
     * bounds, equal or crossed ones included: then neither holds). Reading the output rather than the input lets the
     * runtime fuse the clip into the convolution before it and drop the unclipped tensor. The mask is a Cast and a
     * Mul: ONNX Runtime's Where with a scalar branch measured several times slower than both together.
     */
    private static void clip(RuleContext c) {
        Emitter e = c.e();
        String y = c.out(0);
        String inside = null;
        if (!c.in(1).isEmpty()) {
            inside = e.op("Greater", y, c.in(1));
        }
        if (!c.in(2).isEmpty()) {
            String below = e.op("Less", y, c.in(2));
            inside = inside == null ? below : e.op("And", inside, below);
        }
        c.give(0, inside == null ? c.dy() : e.mul(c.dy(), mask(c, inside)));
    }

    /** A boolean condition as 0/1 of the node's element type. */
    private static String mask(RuleContext c, String condition) {
        return c.e().cast(condition, c.elem());
    }

    /**
     * Gelu (opset 20): exact, y = x Phi(x), dy/dx = Phi(x) + x phi(x); or with approximate=tanh, y = x (1 + t) / 2
     * with t = tanh(u), u = sqrt(2/pi) (x + 0.044715 x^3), dy/dx = (1 + t) / 2 + x (1 - t^2) u' / 2.
     */
    private static void gelu(RuleContext c) {
        Emitter e = c.e();
        String x = c.in(0);
        String x2 = e.mul(x, x);
        String slope;
        if (org.xfer4j.runtime.onnx.graph.Attributes.getString(c.node(), "approximate", "none").equals("tanh")) {
            double k = Math.sqrt(2 / Math.PI);
            String u = e.mul(c.scalar(k), e.add(x, e.mul(c.scalar(0.044715), e.mul(x2, x))));
            String t = e.op("Tanh", u);
            String du = e.mul(c.scalar(k), e.add(c.scalar(1), e.mul(c.scalar(3 * 0.044715), x2)));
            String half = c.scalar(0.5);
            slope = e.add(e.mul(half, e.add(c.scalar(1), t)),
                    e.mul(e.mul(half, x), e.mul(e.sub(c.scalar(1), e.mul(t, t)), du)));
        } else {
            String cdf = e.mul(c.scalar(0.5), e.add(c.scalar(1), e.op("Erf", e.mul(x, c.scalar(Math.sqrt(0.5))))));
            String pdf = e.mul(c.scalar(1 / Math.sqrt(2 * Math.PI)), e.op("Exp", e.mul(x2, c.scalar(-0.5))));
            slope = e.add(cdf, e.mul(x, pdf));
        }
        c.give(0, e.mul(c.dy(), slope));
    }
}
