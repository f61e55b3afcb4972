package org.xfer4j.repurposers.metamodel.svm;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Binary kernel SVM by sequential minimal optimisation with second-order working-set selection (Fan, Chen and Lin,
 * 2005): each step picks the most violating example and the partner that decreases the dual objective most, and
 * stops when the optimality gap is below the tolerance.
 */
final class SmoSolver implements BinaryTrainer<SmoSolver.Model> {

    /** Curvature used where the kernel is not strictly positive definite along a pair. */
    private static final double TAU = 1e-12;

    /** The support vectors (training indices) with their coefficients alpha*y, and the bias. */
    record Model(int[] supportVectors, double[] coefficients, double bias) {
    }

    private final KernelRows kernel;
    private final double c;
    private final double tol;
    private final long stepsPerExample;

    SmoSolver(KernelRows kernel, SvmOptions options) {
        this.kernel = kernel;
        this.c = options.c().orElseThrow();
        this.tol = options.tol();
        this.stepsPerExample = options.maxIter();
    }

    @Override
    public Model train(int[] members, boolean[] positive) {
        int n = members.length;
        double[] y = new double[n];
        double[] alpha = new double[n];
        double[] gradient = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = positive[t] ? 1 : -1;
            gradient[t] = -1;
        }
        long maxSteps = Math.max(10_000_000L, stepsPerExample * n);
        for (long step = 0; step < maxSteps; step++) {
            int i = -1;
            double up = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < n; t++) {
                if ((y[t] > 0 ? alpha[t] < c : alpha[t] > 0) && -y[t] * gradient[t] >= up) {
                    up = -y[t] * gradient[t];
                    i = t;
                }
            }
            if (i < 0) {
                break;
            }
            float[] rowI = kernel.row(members[i]);
            int j = -1;
            double low = Double.NEGATIVE_INFINITY;
            double best = Double.POSITIVE_INFINITY;
            for (int t = 0; t < n; t++) {
                if (y[t] > 0 ? alpha[t] > 0 : alpha[t] < c) {
                    double v = -y[t] * gradient[t];
                    low = Math.max(low, -v);
                    double b = up - v;
                    if (b > 0) {
                        double a = 2 - 2 * rowI[members[t]]; // k(x,x) = 1 for the RBF kernel
                        double objective = -b * b / (a > 0 ? a : TAU);
                        if (objective <= best) {
                            best = objective;
                            j = t;
                        }
                    }
                }
            }
            if (up + low < tol || j < 0) {
                break;
            }
            float[] rowJ = kernel.row(members[j]);
            double kij = rowI[members[j]];
            double oldI = alpha[i];
            double oldJ = alpha[j];
            updatePair(i, j, y, alpha, gradient, kij);
            double di = (alpha[i] - oldI) * y[i];
            double dj = (alpha[j] - oldJ) * y[j];
            for (int t = 0; t < n; t++) {
                gradient[t] += y[t] * (rowI[members[t]] * di + rowJ[members[t]] * dj);
            }
        }
        return model(members, y, alpha, gradient);
    }

    /** The analytic two-variable step, clipped to the box [0, C] along the equality constraint. */
    private void updatePair(int i, int j, double[] y, double[] alpha, double[] gradient, double kij) {
        double curvature = Math.max(2 - 2 * kij, TAU);
        if (y[i] != y[j]) {
            double delta = (-gradient[i] - gradient[j]) / curvature;
            double diff = alpha[i] - alpha[j];
            alpha[i] += delta;
            alpha[j] += delta;
            if (diff > 0 ? alpha[j] < 0 : alpha[i] < 0) {
                alpha[i] = diff > 0 ? diff : 0;
                alpha[j] = diff > 0 ? 0 : -diff;
            }
            if (diff > 0 ? alpha[i] > c : alpha[j] > c) {
                alpha[i] = diff > 0 ? c : c + diff;
                alpha[j] = diff > 0 ? c - diff : c;
            }
        } else {
            double delta = (gradient[i] - gradient[j]) / curvature;
            double sum = alpha[i] + alpha[j];
            alpha[i] -= delta;
            alpha[j] += delta;
            if (sum > c ? alpha[i] > c : alpha[j] < 0) {
                alpha[i] = sum > c ? c : sum;
                alpha[j] = sum > c ? sum - c : 0;
            }
            if (sum > c ? alpha[j] > c : alpha[i] < 0) {
                alpha[j] = sum > c ? c : sum;
                alpha[i] = sum > c ? sum - c : 0;
            }
        }
    }

    /** Keeps the examples with non-zero alpha; the bias averages y*gradient over free ones (LIBSVM's rule). */
    private Model model(int[] members, double[] y, double[] alpha, double[] gradient) {
        double upper = Double.POSITIVE_INFINITY;
        double lower = Double.NEGATIVE_INFINITY;
        double freeSum = 0;
        int free = 0;
        int supportCount = 0;
        for (int t = 0; t < members.length; t++) {
            double yg = y[t] * gradient[t];
            boolean atUpper = alpha[t] >= c;
            boolean atLower = alpha[t] <= 0;
            if (atUpper || atLower) {
                if (atUpper == (y[t] < 0)) { // the side whose gradient bounds rho from above
                    upper = Math.min(upper, yg);
                } else {
                    lower = Math.max(lower, yg);
                }
            } else {
                freeSum += yg;
                free++;
            }
            supportCount += atLower ? 0 : 1;
        }
        double rho;
        if (free > 0) {
            rho = freeSum / free;
        } else if (Double.isFinite(upper) && Double.isFinite(lower)) {
            rho = (upper + lower) / 2;
        } else if (Double.isFinite(upper) || Double.isFinite(lower)) {
            rho = Double.isFinite(upper) ? upper : lower; // one class only: every example on one side
        } else {
            rho = 0; // no examples: a pair of two classes absent from the training set
        }
        int[] sv = new int[supportCount];
        double[] coefficients = new double[supportCount];
        for (int t = 0, k = 0; t < members.length; t++) {
            if (alpha[t] > 0) {
                sv[k] = members[t];
                coefficients[k++] = alpha[t] * y[t];
            }
        }
        return new Model(sv, coefficients, -rho);
    }

    @Override
    public double decision(Model model, int index) {
        float[] row = kernel.row(index);
        double s = model.bias();
        int[] sv = model.supportVectors();
        for (int k = 0; k < sv.length; k++) {
            s += model.coefficients()[k] * row[sv[k]];
        }
        return s;
    }

    @Override
    public Decision assemble(List<Model> models) {
        TreeSet<Integer> union = new TreeSet<>();
        for (Model m : models) {
            for (int s : m.supportVectors()) {
                union.add(s);
            }
        }
        int[] sv = union.stream().mapToInt(Integer::intValue).toArray();
        int width = kernel.width();
        double[] vectors = new double[sv.length * width];
        for (int k = 0; k < sv.length; k++) {
            System.arraycopy(kernel.features(), sv[k] * width, vectors, k * width, width);
        }
        double[][] coefficients = new double[models.size()][sv.length];
        double[] bias = new double[models.size()];
        for (int r = 0; r < models.size(); r++) {
            Model m = models.get(r);
            bias[r] = m.bias();
            for (int k = 0; k < m.supportVectors().length; k++) {
                coefficients[r][Arrays.binarySearch(sv, m.supportVectors()[k])] = m.coefficients()[k];
            }
        }
        return new RbfDecision(kernel.gamma(), width, vectors, coefficients, bias);
    }
}
