package org.xfer4j.meta.learners;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.Parameters;

/** SGD or Adam on a {@link Flat} vector, with its state exportable for checkpoints. */
final class FlatOptimizer {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final OptimizerKind kind;
    private Flat m;
    private Flat v;

    FlatOptimizer(OptimizerKind kind) {
        this.kind = kind;
    }

    /** Moves {@code theta} against {@code gradient} with step size {@code lr}; {@code step} counts from 1. */
    void apply(Flat theta, Flat gradient, double lr, long step) {
        if (kind == OptimizerKind.SGD) {
            theta.addScaled(-lr, gradient);
            return;
        }
        if (m == null) {
            m = theta.zeros();
            v = theta.zeros();
        }
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        for (int i = 0; i < theta.values.length; i++) {
            float[] t = theta.values[i];
            float[] g = gradient.values[i];
            float[] mi = m.values[i];
            float[] vi = v.values[i];
            for (int k = 0; k < t.length; k++) {
                mi[k] = (float) (BETA1 * mi[k] + (1 - BETA1) * g[k]);
                vi[k] = (float) (BETA2 * vi[k] + (1 - BETA2) * g[k] * g[k]);
                t[k] -= (float) (lr * (mi[k] / c1) / (Math.sqrt(vi[k] / c2) + EPSILON));
            }
        }
    }

    /** The state ("m." and "v." + parameter name for Adam; empty for SGD). */
    Parameters state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (m != null) {
            m.toParameters().tensors().forEach((n, t) -> out.put("m." + n, t));
            v.toParameters().tensors().forEach((n, t) -> out.put("v." + n, t));
        }
        return new Parameters(out);
    }

    /** Restores a {@link #state()} for parameters laid out as {@code layout}. */
    void restore(Parameters state, Flat layout) {
        if (kind == OptimizerKind.SGD || state.tensors().isEmpty()) {
            return;
        }
        Map<String, Tensor> ms = new LinkedHashMap<>();
        Map<String, Tensor> vs = new LinkedHashMap<>();
        state.tensors().forEach((n, t) -> (n.startsWith("m.") ? ms : vs).put(n.substring(2), t));
        m = layout.like(new Parameters(ms));
        v = layout.like(new Parameters(vs));
    }
}
