package org.xfer4j.training;

import java.util.List;

/** Loss and accuracy per epoch, which epoch was best, and whether training stopped early. */
public record TrainingHistory(List<Epoch> epochs, int bestEpoch, boolean stoppedEarly) {

    /** One epoch: mean training loss and accuracy, validation loss and accuracy (NaN without validation). */
    public record Epoch(int epoch, double learningRateFactor, double trainLoss, double trainAccuracy,
            double validationLoss, double validationAccuracy) {
    }

    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }
}
