package org.xfer4j.core.metrics;

/**
 * How well class probabilities match true labels.
 *
 * @param accuracy fraction of examples whose most probable class is the true one
 * @param macroF1 unweighted mean of per-class F1 over the classes that occur as a label or a prediction
 * @param nll mean negative natural log of the probability given to the true class
 * @param ece expected calibration error over {@link Metrics#ECE_BINS} equal-width confidence bins
 * @param brier mean over examples of the squared distance between the probabilities and the one-hot true label
 */
public record Evaluation(double accuracy, double macroF1, double nll, double ece, double brier) {
}
