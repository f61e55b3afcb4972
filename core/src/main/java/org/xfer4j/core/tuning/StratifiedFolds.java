package org.xfer4j.core.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.feature.FeatureSet;

/**
 * A seeded stratified k-fold split: each class present is shuffled and dealt round the folds, so every fold holds
 * about 1/k of each class and every training part holds every class. A class present with fewer examples than folds
 * is refused (not silently cross-validated another way): its held-out examples could not all be predicted by a model
 * that had seen the class.
 */
public final class StratifiedFolds {

    private StratifiedFolds() {
    }

    /**
     * The held-out indices of each of {@code folds} folds of {@code training}, each sorted.
     *
     * @throws InvalidOptionException when {@code folds} is below 2
     * @throws InvalidInputException naming the class when a class present has fewer examples than folds
     */
    public static int[][] split(FeatureSet training, int folds, long seed) {
        InvalidOptionException.require(folds >= 2, "cross-validation needs at least 2 folds, got " + folds);
        int[] counts = training.classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0 && counts[c] < folds) {
                throw new InvalidInputException("class '" + training.classes().get(c) + "' has " + counts[c]
                        + " training example" + (counts[c] == 1 ? "" : "s") + ", fewer than the " + folds
                        + " cross-validation folds; use at most " + Math.max(2, counts[c])
                        + " folds, or more examples of it" + (counts[c] < 2 ? " (it needs at least 2)" : ""));
            }
        }
        Random random = new Random(seed);
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < training.size(); i++) {
            members.get(training.labels()[i]).add(i);
        }
        List<List<Integer>> held = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            held.add(new ArrayList<>());
        }
        int next = 0; // continue dealing where the last class stopped, so fold sizes stay within one of each other
        for (List<Integer> m : members) {
            Collections.shuffle(m, random);
            for (int i : m) {
                held.get(next).add(i);
                next = (next + 1) % folds;
            }
        }
        int[][] out = new int[folds][];
        for (int f = 0; f < folds; f++) {
            out[f] = held.get(f).stream().mapToInt(Integer::intValue).toArray();
            Arrays.sort(out[f]);
        }
        return out;
    }

    /** Every index of {@code 0..size-1} not in the sorted {@code held}. */
    public static int[] complement(int size, int[] held) {
        int[] out = new int[size - held.length];
        int j = 0;
        int o = 0;
        for (int i = 0; i < size; i++) {
            if (j < held.length && held[j] == i) {
                j++;
            } else {
                out[o++] = i;
            }
        }
        return out;
    }
}
