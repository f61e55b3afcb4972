package org.xfer4j.meta.learners;

/** How a task is adapted: {@code steps} full-batch updates of the support set at learning rate {@code lr}. */
record InnerLoop(int steps, double lr, OptimizerKind optimizer) {
}
