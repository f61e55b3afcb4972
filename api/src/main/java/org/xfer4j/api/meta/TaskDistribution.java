package org.xfer4j.api.meta;

import java.util.random.RandomGenerator;

/** A source of related tasks to meta-train on, such as N-way K-shot episodes drawn from a labelled pool. */
public interface TaskDistribution {

    /** A name for logs and provenance. */
    String name();

    /** Draws one task. */
    Task sample(RandomGenerator random);
}
