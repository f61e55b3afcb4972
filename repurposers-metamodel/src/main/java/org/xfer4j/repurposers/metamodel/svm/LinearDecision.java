package org.xfer4j.repurposers.metamodel.svm;

import java.util.Arrays;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.repurposers.metamodel.internal.Vectors;

/** Linear decision values: one weight vector and bias per one-vs-rest problem. */
final class LinearDecision implements Decision {

    private static final String WEIGHTS = "svm.weights";

    private final int width;
    private final double[][] weights;

    LinearDecision(int width, double[][] weights) {
        this.width = width;
        this.weights = weights;
    }

    @Override
    public void decide(double[] x, int offset, double[] out) {
        for (int r = 0; r < weights.length; r++) {
            double[] w = weights[r];
            out[r] = w[width] + Vectors.dot(w, 0, x, offset, width);
        }
    }

    @Override
    public void save(PayloadWriter payload) {
        payload.putText(KERNEL_ENTRY, "linear");
        double[] flat = new double[weights.length * (width + 1)];
        for (int r = 0; r < weights.length; r++) {
            System.arraycopy(weights[r], 0, flat, r * (width + 1), width + 1);
        }
        payload.putDoubles(WEIGHTS, flat, weights.length, width + 1);
    }

    static LinearDecision load(PayloadReader payload) {
        int[] shape = payload.shape(WEIGHTS);
        double[] flat = payload.getDoubles(WEIGHTS);
        double[][] w = new double[shape[0]][];
        for (int r = 0; r < shape[0]; r++) {
            w[r] = Arrays.copyOfRange(flat, r * shape[1], (r + 1) * shape[1]);
        }
        return new LinearDecision(shape[1] - 1, w);
    }
}
