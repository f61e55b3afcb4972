package org.xfer4j.repurposers.metamodel.svm;

import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.OnnxHead;
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

    /** bias + coefficients . exp(-gamma max(|x|^2 + |v|^2 - 2 x.v, 0)) over the support vectors v. */
    @Override
    public String exportOnnx(OnnxHead head, String x) {
        int m = norms.length;
        double[] transposed = new double[width * m];
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < width; j++) {
                transposed[j * m + k] = vectors[k * width + j];
            }
        }
        double[] coefficientsT = new double[m * bias.length];
        for (int r = 0; r < bias.length; r++) {
            for (int k = 0; k < m; k++) {
                coefficientsT[k * bias.length + r] = coefficients[r][k];
            }
        }
        String norm = head.reduce("ReduceSum", head.op("Mul", x, x), true, 1);
        String cross = head.op("MatMul", x, head.constant(transposed, width, m));
        String d2 = head.op("Sub", head.op("Add", norm, head.constant(norms, m)),
                head.op("Mul", head.constant(new double[] {2}), cross));
        String kernel = head.op("Exp", head.op("Mul", head.constant(new double[] {-gamma}),
                head.op("Max", d2, head.constant(new double[] {0}))));
        return head.op("Add", head.op("MatMul", kernel, head.constant(coefficientsT, m, bias.length)),
                head.constant(bias, bias.length));
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
