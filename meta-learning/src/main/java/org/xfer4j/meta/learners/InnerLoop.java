package org.xfer4j.meta.learners;

/**
 * How a task is adapted: {@code steps} full-batch updates of the support set at learning rate {@code lr}; for Leap,
 * the rule whose per-task direction an unrolled loop computes in the graph (null otherwise).
 */
record InnerLoop(int steps, double lr, OptimizerKind optimizer, LeapRule leap) {

    InnerLoop(int steps, double lr, OptimizerKind optimizer) {
        this(steps, lr, optimizer, null);
    }
}
