package org.xfer4j.core.metrics;

import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.Predictions;

/** The checks every metric needs before it reads probabilities against labels. */
final class LabelledPredictions {

    private LabelledPredictions() {
    }

    /**
     * Throws {@link InvalidInputException} unless there is one label per prediction row, every label indexes a
     * class, and every probability is a number (the arrays of a {@link Predictions} can change after it was checked).
     */
    static void require(Predictions p, int[] labels) {
        if (labels.length != p.size()) {
            throw new InvalidInputException(p.size() + " predictions but " + labels.length + " labels");
        }
        if (labels.length == 0) {
            throw new InvalidInputException("no predictions to evaluate");
        }
        int k = p.classes().size();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new InvalidInputException("label " + labels[i] + " of example " + i
                        + " is not a class index (0.." + (k - 1) + " for " + p.classes() + ")");
            }
            double[] row = p.probabilities()[i];
            for (int c = 0; c < row.length; c++) {
                if (Double.isNaN(row[c])) {
                    throw new InvalidInputException("probability of class " + p.classes().get(c) + " for example "
                            + i + " is NaN");
                }
            }
        }
    }
}
