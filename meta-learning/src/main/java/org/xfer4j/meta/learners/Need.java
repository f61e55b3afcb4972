package org.xfer4j.meta.learners;

/** What an outer update needs from each task's inner loop besides the adapted parameters and losses. */
enum Need {
    /** The query gradient at the adapted parameters (first-order MAML). */
    QUERY_GRADIENT,
    /** The query gradient back-propagated through the inner loop (second-order MAML). */
    META_GRADIENT,
    /** Every intermediate parameter vector and support gradient (Leap). */
    TRAJECTORY
}
