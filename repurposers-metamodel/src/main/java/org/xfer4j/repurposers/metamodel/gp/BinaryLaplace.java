package org.xfer4j.repurposers.metamodel.gp;

import org.xfer4j.repurposers.metamodel.internal.Logistic;
import org.xfer4j.repurposers.metamodel.internal.Vectors;
import smile.linalg.UPLO;
import smile.tensor.Cholesky;
import smile.tensor.DenseMatrix;

/**
 * The Laplace approximation of a binary GP classifier with the logistic likelihood in the weight space of
 * {@link InducingFeatures}: Newton's method finds the posterior mode of w, whose Hessian H = Phi^T W Phi + I gives
 * the Gaussian posterior N(w_hat, H^-1) and the approximate log marginal likelihood
 * log p(y | w_hat) - |w_hat|^2 / 2 - log|H| / 2.
 */
final class BinaryLaplace {

    private static final int MAX_NEWTON = 50;
    private static final int MAX_HALVINGS = 30;

    /** The posterior mode, the Cholesky factor of the Hessian there, and the log marginal likelihood. */
    record Mode(double[] weights, Cholesky hessian, double logEvidence) {
    }

    private final double[] phi;
    private final int rows;
    private final int dim;
    private final boolean[] positive;
    private final double tolerance;

    /**
     * A problem over feature rows {@code phi} (row-major, {@code dim} wide) with labels {@code positive}; Newton
     * stops when a step lowers the objective by less than {@code tolerance} relative to its value.
     */
    BinaryLaplace(double[] phi, int dim, boolean[] positive, double tolerance) {
        this.tolerance = tolerance;
        this.phi = phi;
        this.rows = positive.length;
        this.dim = dim;
        this.positive = positive;
    }

    /** Finds the mode starting from {@code start} (a previous mode speeds up a nearby problem). */
    Mode fit(double[] start) {
        double[] w = start.clone();
        double[] f = new double[rows];
        double objective = objective(w, f);
        Cholesky hessian = hessian(f);
        for (int iter = 0; iter < MAX_NEWTON; iter++) {
            double[] step = hessian.solve(gradient(w, f)).toArray(new double[0]);
            double[] next = new double[dim];
            double nextObjective = Double.NaN;
            double scale = 1;
            for (int h = 0; h < MAX_HALVINGS; h++, scale /= 2) {
                for (int j = 0; j < dim; j++) {
                    next[j] = w[j] - scale * step[j];
                }
                nextObjective = objective(next, f);
                if (nextObjective <= objective) {
                    break;
                }
            }
            if (!(nextObjective <= objective)) {
                objective(w, f); // restore f for the current weights
                break;
            }
            double decrease = objective - nextObjective;
            w = next;
            objective = nextObjective;
            hessian = hessian(f);
            if (decrease <= tolerance * Math.max(1, Math.abs(objective))) {
                break;
            }
        }
        return new Mode(w, hessian, -objective - 0.5 * hessian.logdet());
    }

    /** -log p(y | f) + |w|^2 / 2, writing the latent values f = Phi w. */
    private double objective(double[] w, double[] f) {
        double sum = 0.5 * Vectors.dot(w, 0, w, 0, dim);
        for (int i = 0; i < rows; i++) {
            f[i] = Vectors.dot(phi, i * dim, w, 0, dim);
            double margin = positive[i] ? f[i] : -f[i];
            sum += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
        }
        return sum;
    }

    private double[] gradient(double[] w, double[] f) {
        double[] g = w.clone();
        for (int i = 0; i < rows; i++) {
            double residual = Logistic.sigmoid(f[i]) - (positive[i] ? 1 : 0);
            for (int j = 0, off = i * dim; j < dim; j++) {
                g[j] += residual * phi[off + j];
            }
        }
        return g;
    }

    /** Cholesky factor of Phi^T W Phi + I with W = pi (1 - pi) at latent values f. */
    private Cholesky hessian(double[] f) {
        double[][] scaled = new double[rows][dim];
        for (int i = 0; i < rows; i++) {
            double p = Logistic.sigmoid(f[i]);
            double s = Math.sqrt(p * (1 - p));
            for (int j = 0, off = i * dim; j < dim; j++) {
                scaled[i][j] = s * phi[off + j];
            }
        }
        DenseMatrix h = DenseMatrix.of(scaled).ata();
        for (int j = 0; j < dim; j++) {
            h.add(j, j, 1);
        }
        return h.withUplo(UPLO.LOWER).cholesky();
    }
}
