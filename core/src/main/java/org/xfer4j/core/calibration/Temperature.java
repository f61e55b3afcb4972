package org.xfer4j.core.calibration;

import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.Predictions;

/**
 * One temperature T applied to class probabilities: p'_k ∝ p_k^(1/T), which is softmax(logit / T) for probabilities
 * that came from a softmax. T above 1 softens over-confident probabilities, below 1 sharpens under-confident ones;
 * the most probable class never changes, so accuracy does not either.
 *
 * @param value T, positive and finite
 */
public record Temperature(double value) {

    /** The identity: probabilities unchanged. */
    public static final Temperature ONE = new Temperature(1);

    public Temperature {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new InvalidInputException("a temperature must be positive and finite, got " + value);
        }
    }

    /** {@code p} with every row rescaled by this temperature. */
    public Predictions apply(Predictions p) {
        double[][] out = new double[p.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = scale(p.probabilities()[i], 1 / value);
        }
        return new Predictions(p.classes(), out);
    }

    /** softmax(beta · log p), computed from the largest log so that nothing overflows; zero stays zero. */
    static double[] scale(double[] p, double beta) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : p) {
            if (v > 0) {
                max = Math.max(max, Math.log(v));
            }
        }
        double[] out = new double[p.length];
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            out[k] = p[k] > 0 ? Math.exp(beta * (Math.log(p[k]) - max)) : 0;
            sum += out[k];
        }
        for (int k = 0; k < p.length; k++) {
            out[k] /= sum;
        }
        return out;
    }
}
