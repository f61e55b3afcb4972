package org.xfer4j.repurposers.metamodel.lr;

import org.xfer4j.repurposers.metamodel.internal.DifferentiableFunction;
import smile.tensor.DenseMatrix;

/**
 * Summed log-loss of the softmax model plus ||W||^2 / (2C) (biases unpenalised), with its gradient. The two
 * products with the feature matrix (logits X W^T, gradient R^T X) run in Smile's BLAS, as NumPy's do in
 * scikit-learn; the per-example softmax runs in plain loops.
 */
final class PenalizedLogLoss implements DifferentiableFunction {

    private final SoftmaxModel model;
    private final DenseMatrix x;
    private final int[] labels;
    private final double penalty;
    private final double[] z;
    private final double[] p;

    PenalizedLogLoss(SoftmaxModel model, double[] standardized, int[] labels, double c) {
        this.model = model;
        int d = model.width();
        double[][] rows = new double[labels.length][d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(standardized, i * d, rows[i], 0, d);
        }
        this.x = DenseMatrix.of(rows);
        this.labels = labels;
        this.penalty = 1 / c;
        this.z = new double[model.classes()];
        this.p = new double[model.classes()];
    }

    @Override
    public double valueAndGradient(double[] params, double[] gradient) {
        int d = model.width();
        int rows = model.rows();
        double[][] weights = new double[rows][d];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(params, r * (d + 1), weights[r], 0, d);
        }
        double[][] products = x.mt(DenseMatrix.of(weights)).toArray(new double[0][]);
        double[][] residuals = new double[labels.length][rows];
        double[] biasGradient = new double[rows];
        double loss = 0;
        for (int i = 0; i < labels.length; i++) {
            loss += model.probabilitiesFromProducts(params, products[i], z, p) - z[labels[i]];
            for (int r = 0; r < rows; r++) {
                int c = model.classOfRow(r);
                residuals[i][r] = p[c] - (labels[i] == c ? 1 : 0);
                biasGradient[r] += residuals[i][r];
            }
        }
        double[][] weightGradient = DenseMatrix.of(residuals).tm(x).toArray(new double[0][]);
        double squares = 0;
        for (int r = 0, w = 0; r < rows; r++, w += d + 1) {
            for (int j = 0; j < d; j++) {
                squares += params[w + j] * params[w + j];
                gradient[w + j] = weightGradient[r][j] + penalty * params[w + j];
            }
            gradient[w + d] = biasGradient[r];
        }
        return loss + 0.5 * penalty * squares;
    }
}
