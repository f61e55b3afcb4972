package org.xfer4j.api.meta;

/**
 * One task of one meta-training step: its loss before adaptation (at the initialisation) and after (at the adapted
 * parameters), as the learner measured them.
 *
 * @param step the outer step (from 1)
 * @param task the task's place in that step's batch (from 0)
 */
public record TaskAdaptation(int step, int task, double lossBefore, double lossAfter) {
}
