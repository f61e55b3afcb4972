package org.xfer4j.api.transfer;

import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Provider;
import org.xfer4j.api.ProviderContext;

/**
 * Scores how well a candidate (a source model's layer) is expected to transfer to a labelled target task, from
 * features already extracted and, for some estimators, the source model's own class probabilities; found by
 * ServiceLoader (SPI 1.2). Higher scores mean better expected transfer; scores of one estimator compare candidates
 * for the same target data, not across estimators or datasets.
 */
public interface TransferabilityEstimator extends Provider {

    /** What an estimator reads from a {@link TransferTarget}. */
    enum Reads {
        /** The candidate layer's features. */
        FEATURES,
        /** The source model's class probabilities (its classification head); the same for every layer of a model. */
        SOURCE_PROBABILITIES
    }

    /** What this estimator reads; the host skips extracting features an estimator does not read. */
    default Reads reads() {
        return Reads.FEATURES;
    }

    /**
     * The score of {@code target}'s candidate.
     *
     * @throws InvalidInputException naming what is missing or wrong: a class with fewer than 2 examples, a single
     *         class, NaN features (with row, column and layer), or no classification head for estimators that read
     *         source probabilities
     */
    double estimate(TransferTarget target, ProviderContext context);
}
