package org.xfer4j.core.metrics;

import java.util.List;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.repurpose.Predictions;

/**
 * Computes an {@link Evaluation} of predictions against true labels, matched to the model's classes by name
 * through a {@link LabelAlignment}.
 */
public final class Metrics {

    /** Confidence bins of the expected calibration error: 15 of equal width, as in Guo et al. (2017). */
    public static final int ECE_BINS = 15;

    /** The smallest probability the NLL takes the log of, so one confident mistake gives a large, finite loss. */
    static final double NLL_EPSILON = 1e-15;

    private Metrics() {
    }

    /**
     * The evaluation of {@code p} against the labels of {@code truth}, whose classes are matched to the predicted
     * classes by name; labels the model never saw are counted as wrong and reported in
     * {@link Evaluation#unseenLabels()}.
     *
     * @throws org.xfer4j.api.InvalidInputException naming the dataset when the sizes differ, an example has no
     *         label or a probability is NaN
     */
    public static Evaluation evaluate(Predictions p, Dataset truth) {
        return evaluate(p, truth.labels(), truth.classes(), "dataset " + truth.name());
    }

    /**
     * The evaluation of {@code p} against {@code labels}, which index {@code labelClasses}: classes are matched to
     * the predicted classes by name, labels the model never saw are counted as wrong.
     */
    public static Evaluation evaluate(Predictions p, int[] labels, List<String> labelClasses) {
        return evaluate(p, labels, labelClasses, "the evaluation labels");
    }

    /**
     * Accuracy, macro-F1, NLL, ECE and Brier score of {@code p} for {@code labels} that index {@code p.classes()}
     * itself (a model's own classes); labels of other data go through {@link #evaluate(Predictions, Dataset)}.
     *
     * @throws org.xfer4j.api.InvalidInputException when the lengths differ, there are no examples, a label is not a
     *         class index or a probability is NaN
     */
    public static Evaluation evaluate(Predictions p, int[] labels) {
        return evaluate(p, labels, p.classes());
    }

    private static Evaluation evaluate(Predictions p, int[] labels, List<String> labelClasses, String set) {
        LabelAlignment alignment = LabelAlignment.of(labelClasses, p.classes());
        int[] y = alignment.align(labels, set);
        LabelledPredictions.require(p, y, alignment);
        int n = y.length;
        int[] predicted = p.labels();
        int correct = 0;
        double nll = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            double[] row = p.probabilities()[i];
            correct += predicted[i] == y[i] ? 1 : 0;
            nll -= Math.log(Math.max(LabelledPredictions.probability(row, y[i]), NLL_EPSILON));
            for (int c = 0; c < row.length; c++) {
                double target = c == y[i] ? 1 : 0;
                brier += (row[c] - target) * (row[c] - target);
            }
            // a class the model never saw: its one-hot target lies outside the model's classes, at distance 1
            brier += y[i] >= row.length ? 1 : 0;
        }
        double ece = ReliabilityDiagram.ofAligned(p, y, alignment, ECE_BINS).expectedCalibrationError();
        return new Evaluation((double) correct / n, macroF1(predicted, y, alignment.classes().size()), nll / n, ece,
                brier / n, alignment.unseenCounts(y));
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
