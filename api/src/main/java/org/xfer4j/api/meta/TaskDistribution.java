package org.xfer4j.api.meta;

import java.util.random.RandomGenerator;

/** A source of related tasks to meta-train on, such as N-way K-shot episodes drawn from a labelled pool. */
public interface TaskDistribution {

    /** A name for logs and provenance. */
    String name();

    /** Draws one task. */
    Task sample(RandomGenerator random);

    /**
     * The loss its tasks are scored with (since SPI 1.1): cross-entropy for labelled episodes, squared error for
     * regression tasks, whose support and query sets are {@link org.xfer4j.api.data.TargetDataset}s.
     */
    default LossKind lossKind() {
        return LossKind.CROSS_ENTROPY;
    }
}
