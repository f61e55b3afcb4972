package org.xfer4j.core.calibration;

import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.Predictions;

/**
 * Fits the temperature that minimises the mean log-loss of held-out predictions. The log-loss is convex in 1/T,
 * hence unimodal in log T, so a golden-section search over log T in [1/100, 100] finds the minimum to 1e-6.
 */
public final class TemperatureFit {

    private static final double LOG_MIN = Math.log(0.01);
    private static final double LOG_MAX = Math.log(100);
    private static final double TOLERANCE = 1e-6;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;
    /** The smallest probability the log-loss takes the log of, as in the metrics. */
    private static final double EPSILON = 1e-15;

    private TemperatureFit() {
    }

    /**
     * The temperature of least log-loss for {@code heldOut} predictions of examples labelled {@code labels}.
     *
     * @throws InvalidInputException when the lengths differ or there are no predictions
     */
    public static Temperature fit(Predictions heldOut, int[] labels) {
        if (labels.length != heldOut.size() || labels.length == 0) {
            throw new InvalidInputException("temperature scaling needs one label per held-out prediction, got "
                    + heldOut.size() + " predictions and " + labels.length + " labels");
        }
        double a = LOG_MIN;
        double b = LOG_MAX;
        double c = b - GOLDEN * (b - a);
        double d = a + GOLDEN * (b - a);
        double fc = logLoss(heldOut, labels, c);
        double fd = logLoss(heldOut, labels, d);
        while (b - a > TOLERANCE) {
            if (fc <= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - GOLDEN * (b - a);
                fc = logLoss(heldOut, labels, c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + GOLDEN * (b - a);
                fd = logLoss(heldOut, labels, d);
            }
        }
        return new Temperature(Math.exp((a + b) / 2));
    }

    private static double logLoss(Predictions p, int[] labels, double logT) {
        double beta = Math.exp(-logT);
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum -= Math.log(Math.max(Temperature.scale(p.probabilities()[i], beta)[labels[i]], EPSILON));
        }
        return sum / labels.length;
    }
}
