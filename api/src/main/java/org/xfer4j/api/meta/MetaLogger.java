package org.xfer4j.api.meta;

/** Receives each meta-training step, for progress, curves and early stopping. */
@FunctionalInterface
public interface MetaLogger {

    /** Ignores steps. */
    MetaLogger NONE = step -> { };

    /** Called after each outer step. */
    void onStep(MetaStep step);

    /** Called for each task of an outer step, before {@link #onStep} of that step (since SPI 1.1). */
    default void onTask(TaskLosses task) {
    }

    /** Called with the state to resume from, every few steps and after the last one (since SPI 1.1). */
    default void onCheckpoint(MetaCheckpoint checkpoint) {
    }
}
