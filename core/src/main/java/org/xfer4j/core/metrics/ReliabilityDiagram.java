package org.xfer4j.core.metrics;

import java.util.ArrayList;
import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.Predictions;

/**
 * Accuracy against confidence: examples are grouped by the probability of their predicted class into equal-width
 * bins (lower, upper] over [0, 1], and each bin compares its mean confidence with its accuracy.
 */
public final class ReliabilityDiagram {

    /**
     * One confidence bin.
     *
     * @param lower exclusive lower edge (the first bin also holds confidence 0)
     * @param upper inclusive upper edge
     * @param count examples whose confidence falls in the bin
     * @param confidence mean confidence of those examples, 0 when the bin is empty
     * @param accuracy fraction of those examples predicted correctly, 0 when the bin is empty
     */
    public record Bin(double lower, double upper, int count, double confidence, double accuracy) {
    }

    private final List<Bin> bins;
    private final int total;

    private ReliabilityDiagram(List<Bin> bins, int total) {
        this.bins = List.copyOf(bins);
        this.total = total;
    }

    /**
     * The diagram of {@code p} for the true {@code labels}, which index {@code p.classes()}, over {@code bins}
     * equal-width bins.
     *
     * @throws InvalidInputException when {@code bins < 1}, or the predictions and labels do not fit together
     */
    public static ReliabilityDiagram of(Predictions p, int[] labels, int bins) {
        return of(p, labels, p.classes(), bins);
    }

    /**
     * The diagram of {@code p} for the true {@code labels}, which index {@code labelClasses}, matched to the
     * predicted classes by name (see {@link LabelAlignment}), over {@code bins} equal-width bins.
     *
     * @throws InvalidInputException when {@code bins < 1}, or the predictions and labels do not fit together
     */
    public static ReliabilityDiagram of(Predictions p, int[] labels, List<String> labelClasses, int bins) {
        LabelAlignment alignment = LabelAlignment.of(labelClasses, p.classes());
        return ofAligned(p, alignment.align(labels, "the evaluation labels"), alignment, bins);
    }

    /** The diagram for labels already aligned by {@code alignment}. */
    static ReliabilityDiagram ofAligned(Predictions p, int[] labels, LabelAlignment alignment, int bins) {
        if (bins < 1) {
            throw new InvalidInputException("a reliability diagram needs at least 1 bin, got " + bins);
        }
        LabelledPredictions.require(p, labels, alignment);
        int[] predicted = p.labels();
        int[] counts = new int[bins];
        int[] correct = new int[bins];
        double[] confidenceSums = new double[bins];
        for (int i = 0; i < labels.length; i++) {
            double confidence = p.probabilities()[i][predicted[i]];
            int b = Math.clamp((long) Math.ceil(confidence * bins) - 1, 0, bins - 1);
            counts[b]++;
            confidenceSums[b] += confidence;
            correct[b] += predicted[i] == labels[i] ? 1 : 0;
        }
        List<Bin> out = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            int n = counts[b];
            out.add(new Bin((double) b / bins, (double) (b + 1) / bins, n, n == 0 ? 0 : confidenceSums[b] / n,
                    n == 0 ? 0 : (double) correct[b] / n));
        }
        return new ReliabilityDiagram(out, labels.length);
    }

    /** Every bin, from low confidence to high, empty ones included. */
    public List<Bin> bins() {
        return bins;
    }

    /** The count-weighted mean gap between confidence and accuracy over the bins. */
    public double expectedCalibrationError() {
        double ece = 0;
        for (Bin b : bins) {
            ece += (double) b.count() / total * Math.abs(b.accuracy() - b.confidence());
        }
        return ece;
    }
}
