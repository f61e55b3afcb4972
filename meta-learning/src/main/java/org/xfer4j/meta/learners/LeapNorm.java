package org.xfer4j.meta.learners;

/** How Leap weighs each step of a task's path. */
public enum LeapNorm {
    /** Path length: each step divided by its length sqrt(df^2 + |dtheta|^2). */
    LENGTH,
    /** Path energy: steps unweighted. */
    ENERGY
}
