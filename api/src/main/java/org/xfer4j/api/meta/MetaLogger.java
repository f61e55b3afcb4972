package org.xfer4j.api.meta;

/** Receives each meta-training step, for progress, curves and early stopping. */
@FunctionalInterface
public interface MetaLogger {

    /** Ignores steps. */
    MetaLogger NONE = step -> { };

    /** Called after each outer step. */
    void onStep(MetaStep step);
}
