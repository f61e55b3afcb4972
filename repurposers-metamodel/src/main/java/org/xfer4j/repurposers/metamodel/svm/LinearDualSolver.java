package org.xfer4j.repurposers.metamodel.svm;

import java.util.List;
import java.util.SplittableRandom;
import org.xfer4j.repurposers.metamodel.internal.Vectors;

/**
 * Binary linear SVM (hinge loss, bias as a constant feature) by dual coordinate descent (Hsieh et al., 2008):
 * one dual variable at a time in seeded random order, keeping the primal weights up to date.
 */
final class LinearDualSolver implements BinaryTrainer<double[]> {

    /**
     * The projected-gradient gap this solver stops at, per unit of the {@code tol} option: 100, so the default
     * tol=1e-3 (SMO's optimality gap, as in LIBSVM) gives LIBLINEAR's default gap of 0.1.
     */
    private static final double GAP_PER_TOL = 100;

    private final double[] x;
    private final int width;
    private final double c;
    private final double tol;
    private final int maxEpochs;
    private final SplittableRandom random;

    LinearDualSolver(double[] standardized, int width, SvmOptions options, long seed) {
        this.x = standardized;
        this.width = width;
        this.c = options.c().orElseThrow();
        this.tol = GAP_PER_TOL * options.tol();
        this.maxEpochs = options.maxIter();
        this.random = new SplittableRandom(seed);
    }

    /**
     * Weights of {@code width} features followed by the bias. Examples whose dual variable sits at a bound and
     * whose gradient pushes it further out are shrunk out of the active set (as LIBLINEAR does), and all come back
     * for a final check once the active ones meet the tolerance.
     */
    @Override
    public double[] train(int[] members, boolean[] positive) {
        int n = members.length;
        double[] w = new double[width + 1];
        double[] alpha = new double[n];
        double[] diagonal = new double[n];
        int[] order = new int[n];
        for (int t = 0; t < n; t++) {
            diagonal[t] = 1 + Vectors.dot(x, members[t] * width, x, members[t] * width, width);
            order[t] = t;
        }
        int active = n;
        double oldMax = Double.POSITIVE_INFINITY;
        double oldMin = Double.NEGATIVE_INFINITY;
        for (int epoch = 0; epoch < maxEpochs; epoch++) {
            shuffle(order, active);
            double newMax = Double.NEGATIVE_INFINITY;
            double newMin = Double.POSITIVE_INFINITY;
            for (int s = 0; s < active; s++) {
                int t = order[s];
                double y = positive[t] ? 1 : -1;
                int off = members[t] * width;
                double g = y * score(w, off) - 1;
                double projected = g;
                if (alpha[t] == 0 || alpha[t] == c) {
                    boolean atZero = alpha[t] == 0;
                    if (atZero ? g > oldMax : g < oldMin) { // stuck at its bound: shrink it out
                        active--;
                        order[s] = order[active];
                        order[active] = t;
                        s--;
                        continue;
                    }
                    projected = atZero ? Math.min(g, 0) : Math.max(g, 0);
                }
                newMax = Math.max(newMax, projected);
                newMin = Math.min(newMin, projected);
                if (Math.abs(projected) > 1e-12) {
                    double old = alpha[t];
                    alpha[t] = Math.min(Math.max(old - g / diagonal[t], 0), c);
                    double step = (alpha[t] - old) * y;
                    for (int j = 0; j < width; j++) {
                        w[j] += step * x[off + j];
                    }
                    w[width] += step;
                }
            }
            if (newMax - newMin <= tol) {
                if (active == n) {
                    break;
                }
                active = n; // the active set has converged: check every example once more
                oldMax = Double.POSITIVE_INFINITY;
                oldMin = Double.NEGATIVE_INFINITY;
                continue;
            }
            oldMax = newMax <= 0 ? Double.POSITIVE_INFINITY : newMax;
            oldMin = newMin >= 0 ? Double.NEGATIVE_INFINITY : newMin;
        }
        return w;
    }

    @Override
    public double decision(double[] w, int index) {
        return score(w, index * width);
    }

    @Override
    public Decision assemble(List<double[]> models) {
        return new LinearDecision(width, models.toArray(double[][]::new));
    }

    private double score(double[] w, int off) {
        return w[width] + Vectors.dot(w, 0, x, off, width);
    }

    /** Shuffles the first {@code length} entries. */
    private void shuffle(int[] order, int length) {
        for (int i = length - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[k];
            order[k] = tmp;
        }
    }
}
