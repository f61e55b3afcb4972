package org.xfer4j.api.meta;

import org.xfer4j.api.data.Dataset;

/** Learns an initialisation over a task distribution and adapts it to a new task. */
public interface MetaLearner {

    /** Meta-trains {@code model}'s parameters over tasks drawn from {@code tasks}, reporting each step to {@code log}. */
    MetaTrainingResult metaTrain(DifferentiableModel model, TaskDistribution tasks, MetaLogger log);

    /** Adapts {@code initialisation} to one task from its support set, as in meta-training's inner loop. */
    Parameters adapt(DifferentiableModel model, Parameters initialisation, Dataset support);
}
