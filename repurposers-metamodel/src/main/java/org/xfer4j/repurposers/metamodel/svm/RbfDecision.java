package org.xfer4j.repurposers.metamodel.svm;

import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.repurposers.metamodel.internal.Matrices;
import org.xfer4j.repurposers.metamodel.internal.Vectors;

/**
 * RBF decision values: the support vectors of all pairwise problems, stored once, with one coefficient row
 * (alpha*y, zero where a vector does not support that problem) and bias per problem.
 */
final class RbfDecision implements Decision {

    private static final String GAMMA = "svm.gamma";
    private static final String VECTORS = "svm.supportVectors";
    private static final String COEFFICIENTS = "svm.coefficients";
    private static final String BIAS = "svm.bias";

    private final double gamma;
    private final int width;
    private final double[] vectors;
    private final double[] norms;
    private final double[][] coefficients;
    private final double[] bias;

    RbfDecision(double gamma, int width, double[] vectors, double[][] coefficients, double[] bias) {
        this.gamma = gamma;
        this.width = width;
        this.vectors = vectors;
        this.norms = Vectors.squaredNorms(vectors, vectors.length / Math.max(width, 1), width);
        this.coefficients = coefficients;
        this.bias = bias;
    }

    @Override
    public void decide(double[] x, int offset, double[] out) {
        double norm = Vectors.dot(x, offset, x, offset, width);
        System.arraycopy(bias, 0, out, 0, bias.length);
        for (int k = 0; k < norms.length; k++) {
            double d2 = norm + norms[k] - 2 * Vectors.dot(x, offset, vectors, k * width, width);
            double value = Math.exp(-gamma * Math.max(d2, 0));
            for (int r = 0; r < bias.length; r++) {
                out[r] += coefficients[r][k] * value;
            }
        }
    }

    @Override
    public void save(PayloadWriter payload) {
        payload.putText(KERNEL_ENTRY, "rbf");
        payload.putDoubles(GAMMA, new double[] {gamma}, 1);
        payload.putDoubles(VECTORS, vectors, norms.length, width);
        payload.putDoubles(COEFFICIENTS, Matrices.flatten(coefficients), bias.length, norms.length);
        payload.putDoubles(BIAS, bias, bias.length);
    }

    static RbfDecision load(PayloadReader payload) {
        double gamma = payload.getDoubles(GAMMA)[0];
        if (!(gamma > 0)) {
            throw new InvalidInputException("svm payload entry '" + GAMMA + "' holds " + gamma
                    + "; an RBF kernel's gamma is positive (damaged or altered)");
        }
        double[][] coefficients = Matrices.rows(payload.getDoubles(COEFFICIENTS), payload.shape(COEFFICIENTS)[0]);
        return new RbfDecision(gamma, payload.shape(VECTORS)[1], payload.getDoubles(VECTORS),
                coefficients, payload.getDoubles(BIAS));
    }
}
