package org.xfer4j.core.metrics;

import org.xfer4j.api.repurpose.Predictions;

/** Computes an {@link Evaluation} of predictions against true labels. */
public final class Metrics {

    /** Confidence bins of the expected calibration error: 15 of equal width, as in Guo et al. (2017). */
    public static final int ECE_BINS = 15;

    /** The smallest probability the NLL takes the log of, so one confident mistake gives a large, finite loss. */
    static final double NLL_EPSILON = 1e-15;

    private Metrics() {
    }

    /**
     * Accuracy, macro-F1, NLL, ECE and Brier score of {@code p} for the true {@code labels} (class indices).
     *
     * @throws org.xfer4j.api.InvalidInputException when the lengths differ, there are no examples, a label is not a
     *         class index or a probability is NaN
     */
    public static Evaluation evaluate(Predictions p, int[] labels) {
        LabelledPredictions.require(p, labels);
        int n = labels.length;
        int[] predicted = p.labels();
        int correct = 0;
        double nll = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            double[] row = p.probabilities()[i];
            correct += predicted[i] == labels[i] ? 1 : 0;
            nll -= Math.log(Math.max(row[labels[i]], NLL_EPSILON));
            for (int c = 0; c < row.length; c++) {
                double target = c == labels[i] ? 1 : 0;
                brier += (row[c] - target) * (row[c] - target);
            }
        }
        double ece = ReliabilityDiagram.of(p, labels, ECE_BINS).expectedCalibrationError();
        return new Evaluation((double) correct / n, macroF1(predicted, labels, p.classes().size()), nll / n, ece,
                brier / n);
    }

    /** F1 = 2TP / (2TP + FP + FN) per class, averaged over the classes that are a label or a prediction. */
    private static double macroF1(int[] predicted, int[] labels, int classes) {
        int[] truePositives = new int[classes];
        int[] predictedCounts = new int[classes];
        int[] labelCounts = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            predictedCounts[predicted[i]]++;
            labelCounts[labels[i]]++;
            if (predicted[i] == labels[i]) {
                truePositives[labels[i]]++;
            }
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            // 2TP + FP + FN = predicted + actual occurrences of the class
            int denominator = predictedCounts[c] + labelCounts[c];
            if (denominator > 0) {
                sum += 2.0 * truePositives[c] / denominator;
                present++;
            }
        }
        return sum / present;
    }
}
