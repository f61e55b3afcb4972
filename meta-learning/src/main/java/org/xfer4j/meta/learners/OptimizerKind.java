package org.xfer4j.meta.learners;

/** The update rules the inner and outer loops offer: plain SGD, or Adam (0.9, 0.999, 1e-8) with bias correction. */
public enum OptimizerKind {
    /** Plain stochastic gradient descent. */
    SGD,
    /** Adam with the usual defaults. */
    ADAM
}
