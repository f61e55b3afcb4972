package org.xfer4j.api.meta;

import org.xfer4j.api.data.Dataset;

/** Learns an initialisation over a task distribution and adapts it to a new task. */
public interface MetaLearner {

    /** Meta-trains {@code model}'s parameters over tasks drawn from {@code tasks}, reporting each step to {@code log}. */
    MetaTrainingResult metaTrain(DifferentiableModel model, TaskDistribution tasks, MetaLogger log);

    /**
     * Meta-training that starts from {@code from} (a checkpoint a logger received) instead of the model's initial
     * parameters, or from the start where {@code from} is null; continues up to the configured number of steps
     * (since SPI 1.1).
     *
     * @throws UnsupportedOperationException where the learner cannot resume
     */
    default MetaTrainingResult metaTrain(DifferentiableModel model, TaskDistribution tasks, MetaLogger log,
            MetaCheckpoint from) {
        if (from == null) {
            return metaTrain(model, tasks, log);
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resume from a checkpoint");
    }

    /** Adapts {@code initialisation} to one task from its support set, as in meta-training's inner loop. */
    Parameters adapt(DifferentiableModel model, Parameters initialisation, Dataset support);
}
