package org.xfer4j.api.repurpose;

import java.util.List;
import org.xfer4j.api.InvalidInputException;

/** Class probabilities for a batch of examples; each row sums to 1 over {@code classes}. */
public record Predictions(List<String> classes, double[][] probabilities) {

    private static final double SUM_TOLERANCE = 1e-4;

    public Predictions {
        classes = List.copyOf(classes);
        for (int i = 0; i < probabilities.length; i++) {
            double[] p = probabilities[i];
            if (p.length != classes.size()) {
                throw new InvalidInputException("prediction row " + i + " has " + p.length + " probabilities for "
                        + classes.size() + " classes");
            }
            double sum = 0;
            for (double v : p) {
                if (!(v >= 0 && v <= 1 + SUM_TOLERANCE)) {
                    throw new InvalidInputException("prediction row " + i + " holds probability " + v);
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new InvalidInputException("prediction row " + i + " sums to " + sum + ", not 1");
            }
        }
    }

    /** Number of examples. */
    public int size() {
        return probabilities.length;
    }

    /** The most probable class index of each example (lowest index on ties). */
    public int[] labels() {
        int[] out = new int[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            double[] p = probabilities[i];
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
