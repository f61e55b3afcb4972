package org.xfer4j.api.meta;

/**
 * One task of one meta-training step: its support loss before and after the inner-loop adaptation, and its query
 * loss before and after (NaN where the method did not compute it).
 */
public record TaskLosses(int step, int task, double supportBefore, double supportAfter, double queryBefore,
        double queryAfter) {
}
