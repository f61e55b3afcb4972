package org.xfer4j.core.tuning;

import java.util.Objects;
import org.xfer4j.api.InvalidOptionException;

/**
 * How a search runs: its strategy, its budget of evaluations (each a k-fold cross-validation), the number of folds
 * and the objective.
 */
public record TuningSettings(Strategy strategy, int evaluations, int folds, Objective objective) {

    /** Bayesian optimisation, 20 evaluations, 5 folds, log-loss. */
    public static final TuningSettings DEFAULTS = new TuningSettings(Strategy.BAYES, 20, 5, Objective.LOG_LOSS);

    public TuningSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(objective, "objective");
        InvalidOptionException.require(evaluations >= 1, "a search needs at least 1 evaluation, got " + evaluations);
        InvalidOptionException.require(folds >= 2, "cross-validation needs at least 2 folds, got " + folds);
    }
}
