package org.xfer4j.repurposers.metamodel.lr;

import java.util.Arrays;
import org.xfer4j.repurposers.metamodel.internal.DifferentiableFunction;

/** Summed log-loss of the softmax model plus ||W||^2 / (2C) (biases unpenalised), with its gradient. */
final class PenalizedLogLoss implements DifferentiableFunction {

    private final SoftmaxModel model;
    private final double[] x;
    private final int[] labels;
    private final double penalty;
    private final double[] z;
    private final double[] p;

    PenalizedLogLoss(SoftmaxModel model, double[] standardized, int[] labels, double c) {
        this.model = model;
        this.x = standardized;
        this.labels = labels;
        this.penalty = 1 / c;
        this.z = new double[model.classes()];
        this.p = new double[model.classes()];
    }

    @Override
    public double valueAndGradient(double[] params, double[] gradient) {
        int d = model.width();
        int rows = model.rows();
        Arrays.fill(gradient, 0);
        double loss = 0;
        for (int i = 0, off = 0; i < labels.length; i++, off += d) {
            loss += model.probabilities(params, x, off, z, p) - z[labels[i]];
            for (int r = 0, w = 0; r < rows; r++, w += d + 1) {
                int c = model.classOfRow(r);
                double residual = p[c] - (labels[i] == c ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    gradient[w + j] += residual * x[off + j];
                }
                gradient[w + d] += residual;
            }
        }
        double squares = 0;
        for (int r = 0, w = 0; r < rows; r++, w += d + 1) {
            for (int j = 0; j < d; j++) {
                squares += params[w + j] * params[w + j];
                gradient[w + j] += penalty * params[w + j];
            }
        }
        return loss + 0.5 * penalty * squares;
    }
}
