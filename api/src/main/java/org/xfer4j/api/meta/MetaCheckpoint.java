package org.xfer4j.api.meta;

import java.util.Objects;

/**
 * Where meta-training stands after {@code step} outer steps: the initialisation learned so far and the state of the
 * outer optimiser (empty for plain SGD). Resuming from it continues exactly as the uninterrupted run would have.
 */
public record MetaCheckpoint(int step, Parameters initialisation, Parameters optimizerState) {
    public MetaCheckpoint {
        Objects.requireNonNull(initialisation, "initialisation");
        Objects.requireNonNull(optimizerState, "optimizerState");
        if (step < 0) {
            throw new org.xfer4j.api.InvalidInputException("a checkpoint's step must be >= 0, got " + step);
        }
    }
}
