package org.xfer4j.training;

import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;

/**
 * How to train: epochs, batch size, shuffling seed, held-out validation fraction, early-stopping patience (0: none),
 * whether to restore the best epoch's parameters, the schedule, base learning rates per parameter group, progress.
 */
public record TrainerConfig(int epochs, int batchSize, long seed, double validationFraction, int patience,
        boolean restoreBest, LearningRateSchedule schedule, Map<String, Double> learningRates, Progress progress) {

    public TrainerConfig {
        if (epochs <= 0 || batchSize <= 0) {
            throw new InvalidOptionException("epochs and batch size must be > 0, got " + epochs + " and " + batchSize);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new InvalidOptionException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (patience < 0) {
            throw new InvalidOptionException("patience must be >= 0, got " + patience);
        }
        learningRates = Map.copyOf(learningRates);
    }

    /** A configuration with one learning rate for every parameter, no validation, no early stopping. */
    public static TrainerConfig simple(int epochs, int batchSize, double learningRate, long seed) {
        return new TrainerConfig(epochs, batchSize, seed, 0, 0, false, new LearningRateSchedule.Constant(),
                Map.of("default", learningRate), Progress.NONE);
    }
}
