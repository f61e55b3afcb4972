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
        float[][] rows = new float[labels.length][d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = (float) standardized[i * d + j];
            }
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
        float[][] weights = new float[rows][d];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                weights[r][j] = (float) params[r * (d + 1) + j];
            }
        }
        double[][] products = x.mt(DenseMatrix.of(weights)).toArray(new double[0][]);
        float[][] residuals = new float[labels.length][rows];
        double[] biasGradient = new double[rows];
        double loss = 0;
        for (int i = 0; i < labels.length; i++) {
            loss += model.probabilitiesFromProducts(params, products[i], z, p) - z[labels[i]];
            for (int r = 0; r < rows; r++) {
                int c = model.classOfRow(r);
                double residual = p[c] - (labels[i] == c ? 1 : 0);
                residuals[i][r] = (float) residual;
                biasGradient[r] += residual;
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
