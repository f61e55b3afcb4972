package org.xfer4j.repurposers.metamodel.svm;

import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.repurposers.metamodel.internal.Matrices;
import org.xfer4j.repurposers.metamodel.internal.Vectors;

/** Linear decision values: one weight vector and bias per pairwise problem. */
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
    public String exportOnnx(OnnxHead head, String x) {
        double[] w = new double[weights.length * width];
        double[] b = new double[weights.length];
        for (int r = 0; r < weights.length; r++) {
            System.arraycopy(weights[r], 0, w, r * width, width);
            b[r] = weights[r][width];
        }
        return head.op("Gemm", java.util.Map.of("transB", 1L), x, head.constant(w, weights.length, width),
                head.constant(b, b.length));
    }

    @Override
    public void save(PayloadWriter payload) {
        payload.putText(KERNEL_ENTRY, "linear");
        payload.putDoubles(WEIGHTS, Matrices.flatten(weights), weights.length, width + 1);
    }

    static LinearDecision load(PayloadReader payload) {
        int[] shape = payload.shape(WEIGHTS);
        return new LinearDecision(shape[1] - 1, Matrices.rows(payload.getDoubles(WEIGHTS), shape[0]));
    }
}
