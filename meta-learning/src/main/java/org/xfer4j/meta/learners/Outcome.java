package org.xfer4j.meta.learners;

import java.util.List;

/**
 * What adapting to one task produced.
 *
 * @param adapted the parameters after the inner loop
 * @param supportLosses the support loss before each inner step and after the last (steps + 1 values)
 * @param queryBefore the query loss at the initialisation (NaN without a query set)
 * @param queryAfter the query loss after adaptation (NaN without a query set)
 * @param queryOutputs the adapted model's outputs on the query set (null without one)
 * @param outerGradient the gradient of the query loss after adaptation, at the adapted parameters (first order) or
 *     back-propagated through the inner loop to the initialisation (second order); null unless asked for
 * @param trajectory the parameters before each step and after the last; empty unless asked for
 * @param gradients the support gradient of each step; empty unless asked for
 * @param leapDirection Leap's direction for this task where the runner computed it (else null: computed from the
 *     trajectory)
 */
record Outcome(Flat adapted, float[] supportLosses, double queryBefore, double queryAfter, float[] queryOutputs,
        Flat outerGradient, List<Flat> trajectory, List<Flat> gradients, Flat leapDirection) {
}
