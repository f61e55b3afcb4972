package org.xfer4j.training;

import java.util.Map;
import java.util.function.Predicate;
import org.xfer4j.training.autodiff.Optimizer;

/**
 * How {@link GraphTrainer} builds the step: the optimiser, parameter groups (own learning rates, by predicate on the
 * parameter name, first match wins), whether to cache a frozen prefix, whether batch normalisation of trained
 * layers uses batch statistics (else its running statistics stay fixed), and the global gradient-norm clip (0: none).
 */
public record TrainingSetup(Optimizer optimizer, Map<String, Predicate<String>> groups, boolean cachePrefix,
        boolean trainBatchNorm, double clipNorm) {

    public TrainingSetup {
        groups = Map.copyOf(groups);
    }

    /** One parameter group, prefix caching on, fixed batch-norm statistics. */
    public static TrainingSetup of(Optimizer optimizer) {
        return new TrainingSetup(optimizer, Map.of(), true, false, 0);
    }

    /** A copy with parameter groups. */
    public TrainingSetup withGroups(Map<String, Predicate<String>> newGroups) {
        return new TrainingSetup(optimizer, newGroups, cachePrefix, trainBatchNorm, clipNorm);
    }

    /** A copy with prefix caching on or off. */
    public TrainingSetup withCachePrefix(boolean on) {
        return new TrainingSetup(optimizer, groups, on, trainBatchNorm, clipNorm);
    }

    /** A copy with batch-statistics batch normalisation on or off. */
    public TrainingSetup withTrainBatchNorm(boolean on) {
        return new TrainingSetup(optimizer, groups, cachePrefix, on, clipNorm);
    }

    /** A copy clipping the global gradient norm at {@code maxNorm} (0: no clipping). */
    public TrainingSetup withClipNorm(double maxNorm) {
        return new TrainingSetup(optimizer, groups, cachePrefix, trainBatchNorm, maxNorm);
    }
}
