package org.xfer4j.core.metrics;

import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.Predictions;

/** The checks every metric needs before it reads probabilities against aligned labels. */
final class LabelledPredictions {

    private LabelledPredictions() {
    }

    /**
     * Throws {@link InvalidInputException} unless there is one label per prediction row, every aligned label indexes
     * {@code alignment.classes()}, and every probability is a number (the arrays of a {@link Predictions} can change
     * after it was checked).
     */
    static void require(Predictions p, int[] aligned, LabelAlignment alignment) {
        if (aligned.length != p.size()) {
            throw new InvalidInputException(p.size() + " predictions but " + aligned.length + " labels");
        }
        if (aligned.length == 0) {
            throw new InvalidInputException("no predictions to evaluate");
        }
        int k = alignment.classes().size();
        for (int i = 0; i < aligned.length; i++) {
            if (aligned[i] < 0 || aligned[i] >= k) {
                throw new InvalidInputException("label " + aligned[i] + " of example " + i
                        + " is not a class index (0.." + (k - 1) + " for " + alignment.classes() + ")");
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

    /** The probability {@code row} gives to aligned class {@code y}: 0 for a class the model never saw. */
    static double probability(double[] row, int y) {
        return y < row.length ? row[y] : 0;
    }
}
