package org.xfer4j.training.autodiff;

import java.util.List;
import org.xfer4j.api.InvalidOptionException;

/**
 * A gradient-descent update rule, emitted into the training-step graph. Weight decay is the L2 kind (added to the
 * gradient), as in PyTorch's SGD and Adam.
 */
public sealed interface Optimizer {

    /** The names of the per-parameter state tensors (zero-initialised), as suffixes. */
    List<String> states();

    /** Whether the update reads the step number (from 1) as an input. */
    default boolean needsStep() {
        return false;
    }

    /** Stochastic gradient descent, with heavy-ball momentum where {@code momentum > 0}. */
    record Sgd(double momentum, double weightDecay) implements Optimizer {
        public Sgd {
            inRange("momentum", momentum, 0, 1);
            inRange("weight decay", weightDecay, 0, Double.MAX_VALUE);
        }

        @Override
        public List<String> states() {
            return momentum > 0 ? List.of("velocity") : List.of();
        }
    }

    /** Adam with bias correction. */
    record Adam(double beta1, double beta2, double epsilon, double weightDecay) implements Optimizer {
        public Adam {
            inRange("beta1", beta1, 0, 1);
            inRange("beta2", beta2, 0, 1);
            inRange("epsilon", epsilon, 0, 1);
            inRange("weight decay", weightDecay, 0, Double.MAX_VALUE);
        }

        /** Adam with the usual defaults (0.9, 0.999, 1e-8, no decay). */
        public static Adam defaults() {
            return new Adam(0.9, 0.999, 1e-8, 0);
        }

        @Override
        public List<String> states() {
            return List.of("m", "v");
        }

        @Override
        public boolean needsStep() {
            return true;
        }
    }

    private static void inRange(String what, double v, double lo, double hi) {
        if (!(v >= lo && v < hi)) {
            throw new InvalidOptionException("optimiser " + what + " must be in [" + lo + ", " + hi + "), got " + v);
        }
    }
}
