package org.xfer4j.repurposers.metamodel.svm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xfer4j.repurposers.metamodel.internal.OneVsRest;

/**
 * Trains one binary SVM per class against the rest (one problem for two classes), and fits each problem's Platt
 * sigmoid on decision values of examples held out by a seeded, stratified cross-validation.
 */
final class OneVsRestFitter {

    private final int[] labels;
    private final int classes;
    private final int problems;

    OneVsRestFitter(int[] labels, int classes) {
        this.labels = labels;
        this.classes = classes;
        this.problems = OneVsRest.problems(classes);
    }

    /** The final decision function and the Platt sigmoid of every problem. */
    record Fitted(Decision decision, PlattScaler[] platt) {
    }

    <M> Fitted fit(BinaryTrainer<M> trainer, int plattFolds, long seed) {
        int n = labels.length;
        int folds = foldsFor(plattFolds);
        double[][] scores = new double[problems][n];
        if (folds > 0) {
            int[] fold = assignFolds(folds, seed);
            for (int f = 0; f < folds; f++) {
                int[] members = indices(fold, f, false);
                int[] held = indices(fold, f, true);
                for (int r = 0; r < problems; r++) {
                    M model = trainer.train(members, positives(members, r));
                    for (int i : held) {
                        scores[r][i] = trainer.decision(model, i);
                    }
                }
            }
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        List<M> finals = new ArrayList<>();
        PlattScaler[] platt = new PlattScaler[problems];
        for (int r = 0; r < problems; r++) {
            M model = trainer.train(all, positives(all, r));
            finals.add(model);
            if (folds == 0) {
                for (int i = 0; i < n; i++) {
                    scores[r][i] = trainer.decision(model, i);
                }
            }
            platt[r] = PlattScaler.fit(scores[r], positives(all, r));
        }
        return new Fitted(trainer.assemble(finals), platt);
    }

    /** The requested folds, fewer when the smallest present class has fewer examples, 0 below two. */
    private int foldsFor(int requested) {
        int smallest = Integer.MAX_VALUE;
        for (int count : counts()) {
            if (count > 0) {
                smallest = Math.min(smallest, count);
            }
        }
        int folds = Math.min(requested, smallest);
        return folds >= 2 ? folds : 0;
    }

    private int[] counts() {
        int[] counts = new int[classes];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    /** Deals each class's examples, in seeded random order, round-robin over the folds. */
    private int[] assignFolds(int folds, long seed) {
        Random random = new Random(seed);
        int[] fold = new int[labels.length];
        int[] next = new int[classes];
        for (int c = 0; c < classes; c++) {
            next[c] = random.nextInt(folds);
        }
        int[] order = new int[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[k];
            order[k] = tmp;
        }
        for (int i : order) {
            int c = labels[i];
            fold[i] = next[c];
            next[c] = (next[c] + 1) % folds;
        }
        return fold;
    }

    private static int[] indices(int[] fold, int f, boolean inFold) {
        int count = 0;
        for (int v : fold) {
            count += (v == f) == inFold ? 1 : 0;
        }
        int[] out = new int[count];
        for (int i = 0, k = 0; i < fold.length; i++) {
            if ((fold[i] == f) == inFold) {
                out[k++] = i;
            }
        }
        return out;
    }

    private boolean[] positives(int[] members, int problem) {
        int positiveClass = OneVsRest.positiveClass(problem, classes);
        boolean[] out = new boolean[members.length];
        for (int t = 0; t < members.length; t++) {
            out[t] = labels[members[t]] == positiveClass;
        }
        return out;
    }
}
