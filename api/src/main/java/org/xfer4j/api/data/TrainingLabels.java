package org.xfer4j.api.data;

import java.util.Arrays;
import java.util.List;
import org.xfer4j.api.InvalidInputException;

/** The label check every training path makes, before features exist (datasets) and after (feature sets). */
public final class TrainingLabels {

    private TrainingLabels() {
    }

    /**
     * Throws {@link InvalidInputException} unless {@code labels} can train a classifier: at least one example, every
     * example labelled, two or more classes present; {@code set} names the set in messages ("the training set x").
     */
    public static void require(String set, int[] labels, List<String> classes) {
        if (labels.length == 0) {
            throw new InvalidInputException(set + " is empty");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new InvalidInputException("example " + i + " of " + set + " has no label");
            }
        }
        long present = Arrays.stream(labels).distinct().count();
        if (present < 2) {
            throw new InvalidInputException(set + " has examples of only " + present
                    + " class; a classifier needs at least 2 (classes: " + classes + ")");
        }
    }
}
