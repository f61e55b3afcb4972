package org.xfer4j.training.autodiff;

import java.util.List;

/** Emits an {@link Optimizer}'s update of one parameter into a training-step graph. */
final class OptimizerUpdate {

    private OptimizerUpdate() {
    }

    /**
     * Emits the update of {@code param} from {@code grad}; {@code state} holds the state inputs in
     * {@link Optimizer#states()} order. Returns the new parameter followed by the new states.
     */
    static List<String> emit(Optimizer o, Emitter e, String param, String grad, List<String> state, String lr,
            String step,
            int elemType) {
        double decay = o instanceof Optimizer.Sgd s ? s.weightDecay() : ((Optimizer.Adam) o).weightDecay();
        String g = decay > 0 ? e.add(grad, e.mul(param, e.scalar(decay, elemType))) : grad;
        return switch (o) {
            case Optimizer.Sgd s when s.momentum() > 0 -> {
                String v = e.add(e.mul(state.getFirst(), e.scalar(s.momentum(), elemType)), g);
                yield List.of(e.sub(param, e.mul(v, lr)), v);
            }
            case Optimizer.Sgd s -> List.of(e.sub(param, e.mul(g, lr)));
            case Optimizer.Adam a -> {
                String one = e.scalar(1, elemType);
                String b1 = e.scalar(a.beta1(), elemType);
                String b2 = e.scalar(a.beta2(), elemType);
                String m = e.add(e.mul(state.get(0), b1), e.mul(g, e.scalar(1 - a.beta1(), elemType)));
                String v = e.add(e.mul(state.get(1), b2), e.mul(e.mul(g, g), e.scalar(1 - a.beta2(), elemType)));
                String mHat = e.div(m, e.sub(one, e.op("Pow", b1, step)));
                String vHat = e.div(v, e.sub(one, e.op("Pow", b2, step)));
                String denominator = e.add(e.op("Sqrt", vHat), e.scalar(a.epsilon(), elemType));
                yield List.of(e.sub(param, e.mul(lr, e.div(mHat, denominator))), m, v);
            }
        };
    }
}
