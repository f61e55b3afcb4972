package org.xfer4j.repurposers.metamodel.internal;

/**
 * Class probabilities from one-vs-rest problems: two classes share one problem (class 1 against class 0), more
 * classes get one problem each, whose positive-side probabilities are normalised to sum to 1.
 */
public final class OneVsRest {

    private OneVsRest() {
    }

    /** Number of binary problems for {@code classes} classes. */
    public static int problems(int classes) {
        return classes == 2 ? 1 : classes;
    }

    /** The class that is the positive side of {@code problem}. */
    public static int positiveClass(int problem, int classes) {
        return classes == 2 ? 1 : problem;
    }

    /** Class probabilities from each problem's probability of its positive side, normalised to sum to 1. */
    public static double[] probabilities(double[] positive, int classes) {
        if (classes == 2) {
            return new double[] {1 - positive[0], positive[0]};
        }
        double sum = 0;
        for (double p : positive) {
            sum += p;
        }
        double[] out = new double[classes];
        for (int c = 0; c < classes; c++) {
            // every problem gave ~0 (far from all training data): no class is preferred
            out[c] = sum > 0 ? positive[c] / sum : 1.0 / classes;
        }
        return out;
    }

    /**
     * Class probabilities from each problem's log-odds of its positive side, combined as if the problems were
     * independent and exactly one is positive: p(c) is proportional to the odds of problem c (a softmax of the
     * log-odds). Sharper than normalising probabilities, which leaves a model with many classes underconfident.
     */
    public static double[] probabilitiesFromLogOdds(double[] logOdds, int classes) {
        if (classes == 2) {
            double p = Logistic.sigmoid(logOdds[0]);
            return new double[] {1 - p, p};
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logOdds) {
            max = Math.max(max, z);
        }
        double[] out = new double[classes];
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(logOdds[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
        return out;
    }
}
