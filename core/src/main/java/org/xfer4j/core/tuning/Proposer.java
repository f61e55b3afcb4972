package org.xfer4j.core.tuning;

import java.util.List;

/** Proposes the next point of the unit cube to evaluate, given every point evaluated so far and its loss. */
public interface Proposer {

    /** A point evaluated and the loss measured there (lower is better). */
    record Observation(double[] point, double loss) {
    }

    /** The next point, each coordinate in [0, 1]. */
    double[] next(List<Observation> history);
}
