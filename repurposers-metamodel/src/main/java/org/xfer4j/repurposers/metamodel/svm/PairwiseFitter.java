package org.xfer4j.repurposers.metamodel.svm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xfer4j.api.Progress;

/**
 * Trains one binary SVM per pair of classes (one-vs-one, as LIBSVM does; two classes make one pair, class 1
 * positive), and fits each pair's Platt sigmoid on decision values of examples held out by a seeded, stratified
 * cross-validation.
 */
final class PairwiseFitter {

    private final int[] labels;
    private final int classes;

    PairwiseFitter(int[] labels, int classes) {
        this.labels = labels;
        this.classes = classes;
    }

    /** The final decision function (pairs in {@link PairwiseCoupling} order) and every pair's Platt sigmoid. */
    record Fitted(Decision decision, PlattScaler[] platt) {
    }

    /** Fits every pair, reporting each finished pair to {@code progress} and stopping when it is cancelled. */
    <M> Fitted fit(BinaryTrainer<M> trainer, int plattFolds, long seed, Progress progress) {
        int pairs = PairwiseCoupling.pairs(classes);
        progress.start("svm: pairs of classes", pairs);
        int folds = foldsFor(plattFolds);
        int[] fold = folds > 0 ? assignFolds(folds, seed) : new int[labels.length];
        List<M> finals = new ArrayList<>();
        PlattScaler[] platt = new PlattScaler[pairs];
        for (int a = 0, pair = 0; a < classes; a++) {
            for (int b = a + 1; b < classes; b++, pair++) {
                int[] members = members(a, b, fold, -1);
                double[] scores = new double[labels.length];
                for (int f = 0; f < folds; f++) {
                    int[] inside = members(a, b, fold, f);
                    M model = trainer.train(inside, positives(inside, b));
                    for (int i : members) {
                        if (fold[i] == f) {
                            scores[i] = trainer.decision(model, i);
                        }
                    }
                }
                boolean[] positive = positives(members, b);
                M model = trainer.train(members, positive);
                finals.add(model);
                double[] heldOut = new double[members.length];
                double[] fitted = new double[members.length];
                for (int t = 0; t < members.length; t++) {
                    heldOut[t] = scores[members[t]];
                    fitted[t] = trainer.decision(model, members[t]);
                }
                PlattScaler sigmoid = PlattScaler.fit(folds > 0 ? heldOut : fitted, positive);
                if (!sigmoid.increasing()) {
                    // held-out scores of a few examples can rank the classes backwards; training scores never do
                    sigmoid = PlattScaler.fit(fitted, positive);
                }
                platt[pair] = sigmoid;
                progress.advance(1);
                progress.checkCancelled();
            }
        }
        progress.finish();
        return new Fitted(trainer.assemble(finals), platt);
    }

    /**
     * The requested folds, fewer when the smallest present class has fewer than two examples per fold (so every
     * fold holds out and trains on some of each), 0 below two folds.
     */
    private int foldsFor(int requested) {
        int[] counts = new int[classes];
        for (int y : labels) {
            counts[y]++;
        }
        int smallest = Integer.MAX_VALUE;
        for (int count : counts) {
            if (count > 0) {
                smallest = Math.min(smallest, count);
            }
        }
        int folds = Math.min(requested, smallest / 2);
        return folds >= 2 ? folds : 0;
    }

    /** Deals each class's examples, in seeded random order, round-robin over the folds. */
    private int[] assignFolds(int folds, long seed) {
        Random random = new Random(seed);
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
        int[] fold = new int[labels.length];
        for (int i : order) {
            int c = labels[i];
            fold[i] = next[c];
            next[c] = (next[c] + 1) % folds;
        }
        return fold;
    }

    /** Examples of class a or b, except those in fold {@code excluded} (-1 excludes none). */
    private int[] members(int a, int b, int[] fold, int excluded) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] == a || labels[i] == b) && fold[i] != excluded) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean[] positives(int[] members, int positiveClass) {
        boolean[] out = new boolean[members.length];
        for (int t = 0; t < members.length; t++) {
            out[t] = labels[members[t]] == positiveClass;
        }
        return out;
    }
}
