package org.xfer4j.repurposers.metamodel.gp;

import org.xfer4j.repurposers.metamodel.internal.Softmax;
import org.xfer4j.repurposers.metamodel.internal.Vectors;
import smile.linalg.UPLO;
import smile.tensor.Cholesky;
import smile.tensor.DenseMatrix;

/**
 * The Laplace approximation of a multi-class GP classifier with the softmax likelihood and one latent function per
 * class sharing the kernel matrix K (Rasmussen and Williams, Algorithm 3.3): Newton's method on the latent values,
 * the approximate log marginal likelihood, and y - pi per class, from which the predictive mean follows.
 */
final class SoftmaxLaplace {

    private static final int MAX_NEWTON = 60;
    private static final int MAX_HALVINGS = 20;

    /**
     * The posterior mode and what predicting from it needs.
     *
     * @param latent f per class [class][example]
     * @param residual y - pi per class [class][example]: the predictive mean is k_*^T residual_c
     * @param logEvidence the approximate log marginal likelihood log q(y | X, theta)
     */
    record Mode(double[][] latent, double[][] residual, double logEvidence) {
    }

    private final double[][] k;
    private final int[] labels;
    private final int classes;
    private final int n;
    private final double tolerance;

    /** A problem with kernel matrix {@code k}, labels 0..classes-1, and Newton's relative tolerance on the objective. */
    SoftmaxLaplace(double[][] k, int[] labels, int classes, double tolerance) {
        this.k = k;
        this.labels = labels;
        this.classes = classes;
        this.n = labels.length;
        this.tolerance = tolerance;
    }

    /** Finds the mode, starting from latent values {@code start} [class][example] (zeros, or a nearby mode). */
    Mode fit(double[][] start) {
        double[][] f = copy(start);
        double[][] a = null;
        double objective = Double.NEGATIVE_INFINITY;
        Step step = null;
        for (int iter = 0; iter < MAX_NEWTON; iter++) {
            step = new Step(f);
            double[][] aNew = step.newtonA(f);
            double[][] fNew = times(aNew);
            double objNew = objective(aNew, fNew);
            double scale = 1;
            for (int h = 0; h < MAX_HALVINGS && a != null && !(objNew >= objective); h++) {
                scale /= 2; // damped step in a-space: f = K a stays consistent
                aNew = blend(a, aNew, scale);
                fNew = times(aNew);
                objNew = objective(aNew, fNew);
            }
            if (a != null && !(objNew >= objective)) {
                break;
            }
            double gain = objNew - objective;
            a = aNew;
            f = fNew;
            objective = objNew;
            if (gain <= tolerance * Math.max(1, Math.abs(objective))) {
                break;
            }
        }
        step = new Step(f);
        double logEvidence = objective - step.halfLogDet;
        double[][] residual = new double[classes][n];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < n; i++) {
                residual[c][i] = (labels[i] == c ? 1 : 0) - step.pi[c][i];
            }
        }
        return new Mode(f, residual, Double.isNaN(logEvidence) ? Double.NEGATIVE_INFINITY : logEvidence);
    }

    /** Psi(f) = -a^T f / 2 + sum_i log softmax(f_i)[y_i], with f = K a. */
    private double objective(double[][] a, double[][] f) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum -= 0.5 * Vectors.dot(a[c], 0, f[c], 0, n);
        }
        double[] z = new double[classes];
        double[] p = new double[classes];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                z[c] = f[c][i];
            }
            sum += z[labels[i]] - Softmax.of(z, p);
        }
        return sum;
    }

    /** What one Newton step at latent values f needs: pi, E_c, the Cholesky factor of sum_c E_c, and log|B| / 2. */
    private final class Step {

        final double[][] pi = new double[classes][n];
        final double[][][] e = new double[classes][][];
        final Cholesky sum;
        final double halfLogDet;

        Step(double[][] f) {
            double[] z = new double[classes];
            double[] p = new double[classes];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < classes; c++) {
                    z[c] = f[c][i];
                }
                Softmax.of(z, p);
                for (int c = 0; c < classes; c++) {
                    pi[c][i] = p[c];
                }
            }
            double logDet = 0;
            double[][] total = new double[n][n];
            for (int c = 0; c < classes; c++) {
                double[] root = new double[n];
                for (int i = 0; i < n; i++) {
                    root[i] = Math.sqrt(pi[c][i]);
                }
                double[][] b = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        b[i][j] = root[i] * k[i][j] * root[j] + (i == j ? 1 : 0);
                    }
                }
                Cholesky l = DenseMatrix.of(b).withUplo(UPLO.LOWER).cholesky();
                logDet += l.logdet();
                double[][] inv = l.inverse().toArray(new double[0][]);
                e[c] = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        e[c][i][j] = root[i] * inv[i][j] * root[j];
                        total[i][j] += e[c][i][j];
                    }
                }
            }
            double trace = 0;
            for (int i = 0; i < n; i++) {
                trace += total[i][i];
            }
            this.sum = Jitter.cholesky(total, 0, 1e-10 * trace / n);
            // log|I + W^1/2 K W^1/2| = sum_c log|I + D_c^1/2 K D_c^1/2| + log|sum_c E_c| (determinant lemma, sum_c pi_c = 1)
            this.halfLogDet = 0.5 * (logDet + sum.logdet());
        }

        /** a = b - c + E R M^-1 R^T c with b = W f + y - pi and c = E K b (Algorithm 3.3, lines 11-13). */
        double[][] newtonA(double[][] f) {
            double[][] b = new double[classes][n];
            for (int i = 0; i < n; i++) {
                double mean = 0;
                for (int c = 0; c < classes; c++) {
                    mean += pi[c][i] * f[c][i];
                }
                for (int c = 0; c < classes; c++) {
                    b[c][i] = pi[c][i] * (f[c][i] - mean) + (labels[i] == c ? 1 : 0) - pi[c][i];
                }
            }
            double[][] cc = new double[classes][];
            double[] summed = new double[n];
            for (int c = 0; c < classes; c++) {
                cc[c] = multiply(e[c], multiply(k, b[c]));
                for (int i = 0; i < n; i++) {
                    summed[i] += cc[c][i];
                }
            }
            double[] t = sum.solve(summed).toArray(new double[0]);
            double[][] a = new double[classes][];
            for (int c = 0; c < classes; c++) {
                double[] et = multiply(e[c], t);
                a[c] = new double[n];
                for (int i = 0; i < n; i++) {
                    a[c][i] = b[c][i] - cc[c][i] + et[i];
                }
            }
            return a;
        }
    }

    private double[][] times(double[][] a) {
        double[][] f = new double[classes][];
        for (int c = 0; c < classes; c++) {
            f[c] = multiply(k, a[c]);
        }
        return f;
    }

    /** m v for a square row-array m. */
    static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = Vectors.dot(m[i], 0, v, 0, v.length);
        }
        return out;
    }

    private static double[][] blend(double[][] from, double[][] to, double t) {
        double[][] out = new double[from.length][];
        for (int c = 0; c < from.length; c++) {
            out[c] = new double[from[c].length];
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] = from[c][i] + t * (to[c][i] - from[c][i]);
            }
        }
        return out;
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
