package org.xfer4j.core.metrics;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * How well class probabilities match true labels.
 *
 * @param accuracy fraction of examples whose most probable class is the true one
 * @param macroF1 unweighted mean of per-class F1 over the classes that occur as a label or a prediction
 * @param nll mean negative natural log of the probability given to the true class
 * @param ece expected calibration error over {@link Metrics#ECE_BINS} equal-width confidence bins
 * @param brier mean over examples of the squared distance between the probabilities and the one-hot true label
 * @param unseenLabels examples per label the model was never trained on, by name; every metric above counts them
 *        as wrong, with probability 0 for their true class (see {@link LabelAlignment})
 */
public record Evaluation(double accuracy, double macroF1, double nll, double ece, double brier,
                         Map<String, Integer> unseenLabels) {

    public Evaluation {
        unseenLabels = Map.copyOf(unseenLabels);
    }

    /** An evaluation where every label is one of the model's classes. */
    public Evaluation(double accuracy, double macroF1, double nll, double ece, double brier) {
        this(accuracy, macroF1, nll, ece, brier, Map.of());
    }

    /** Number of examples whose label the model was never trained on. */
    public int unseenExamples() {
        return unseenLabels.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The unseen labels with their counts, by name: "junk (2), good (1)"; empty when there are none. */
    public String unseenSummary() {
        return unseenLabels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
    }
}
