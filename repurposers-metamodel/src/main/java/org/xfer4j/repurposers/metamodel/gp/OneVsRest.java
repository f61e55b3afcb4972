package org.xfer4j.repurposers.metamodel.gp;

import org.xfer4j.api.repurpose.OnnxHead;

import org.xfer4j.repurposers.metamodel.internal.Logistic;
import org.xfer4j.repurposers.metamodel.internal.Softmax;

/**
 * One-vs-rest problems: two classes share one problem (class 1 against class 0), more classes get one problem
 * each.
 */
final class OneVsRest {

    private OneVsRest() {
    }

    /** Number of binary problems for {@code classes} classes. */
    static int problems(int classes) {
        return classes == 2 ? 1 : classes;
    }

    /** The class that is the positive side of {@code problem}. */
    static int positiveClass(int problem, int classes) {
        return classes == 2 ? 1 : problem;
    }

    /**
     * Class probabilities from each problem's log-odds of its positive side, combined as if the problems were
     * independent and exactly one is positive: p(c) is proportional to the odds of problem c (a softmax of the
     * log-odds). Sharper than normalising probabilities, which leaves a model with many classes underconfident.
     */
    static double[] probabilitiesFromLogOdds(double[] logOdds, int classes) {
        if (classes == 2) {
            double p = Logistic.sigmoid(logOdds[0]);
            return new double[] {1 - p, p};
        }
        double[] out = new double[classes];
        Softmax.of(logOdds, out);
        return out;
    }

    /** {@link #probabilitiesFromLogOdds} of [N, problems] log-odds, in ONNX. */
    static String exportOnnx(OnnxHead h, String logOdds, int classes) {
        if (classes == 2) {
            String p = h.op("Sigmoid", logOdds);
            return h.op("Concat", java.util.Map.of("axis", 1L), h.op("Sub", h.constant(new double[] {1}), p), p);
        }
        return h.op("Softmax", java.util.Map.of("axis", -1L), logOdds);
    }
}
