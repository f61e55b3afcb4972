package org.xfer4j.repurposers.metamodel.lr;

import java.util.Arrays;
import org.xfer4j.repurposers.metamodel.internal.DifferentiableFunction;
import org.xfer4j.repurposers.metamodel.internal.Matrices;
import smile.linalg.Transpose;
import smile.tensor.DenseMatrix;
import smile.tensor.ScalarType;

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
    /** Buffers reused by every evaluation, so L-BFGS allocates nothing per step. */
    private final DenseMatrix weights;
    private final DenseMatrix products;
    private final DenseMatrix residuals;
    private final DenseMatrix weightGradient;
    private final double[] rowProducts;
    private final double[] biasGradient;

    PenalizedLogLoss(SoftmaxModel model, double[] standardized, int[] labels, double c) {
        this.model = model;
        int d = model.width();
        this.x = DenseMatrix.of(Matrices.floatRows(standardized, labels.length));
        this.labels = labels;
        this.penalty = 1 / c;
        this.z = new double[model.classes()];
        this.p = new double[model.classes()];
        int free = model.rows();
        this.weights = DenseMatrix.zeros(ScalarType.Float32, free, d);
        this.products = DenseMatrix.zeros(ScalarType.Float32, labels.length, free);
        this.residuals = DenseMatrix.zeros(ScalarType.Float32, labels.length, free);
        this.weightGradient = DenseMatrix.zeros(ScalarType.Float32, free, d);
        this.rowProducts = new double[free];
        this.biasGradient = new double[free];
    }

    @Override
    public double valueAndGradient(double[] params, double[] gradient) {
        int d = model.width();
        int rows = model.rows();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                weights.set(r, j, params[r * (d + 1) + j]);
            }
        }
        DenseMatrix.mm(1, Transpose.NO_TRANSPOSE, x, Transpose.TRANSPOSE, weights, 0, products);
        Arrays.fill(biasGradient, 0);
        double loss = 0;
        for (int i = 0; i < labels.length; i++) {
            for (int r = 0; r < rows; r++) {
                rowProducts[r] = products.get(i, r);
            }
            loss += model.probabilitiesFromProducts(params, rowProducts, z, p) - z[labels[i]];
            for (int r = 0; r < rows; r++) {
                int c = model.classOfRow(r);
                double residual = p[c] - (labels[i] == c ? 1 : 0);
                residuals.set(i, r, residual);
                biasGradient[r] += residual;
            }
        }
        DenseMatrix.mm(1, Transpose.TRANSPOSE, residuals, Transpose.NO_TRANSPOSE, x, 0, weightGradient);
        double squares = 0;
        for (int r = 0, w = 0; r < rows; r++, w += d + 1) {
            for (int j = 0; j < d; j++) {
                squares += params[w + j] * params[w + j];
                gradient[w + j] = weightGradient.get(r, j) + penalty * params[w + j];
            }
            gradient[w + d] = biasGradient[r];
        }
        return loss + 0.5 * penalty * squares;
    }
}
