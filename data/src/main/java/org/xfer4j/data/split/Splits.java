package org.xfer4j.data.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;

/**
 * Seeded splits of labelled examples by their class: the same labels and seed give the same indices on every
 * JVM ({@link Random} is specified exactly). Indices are returned in ascending order.
 */
public final class Splits {

    private Splits() {
    }

    /** Disjoint train and test indices that together cover every example. */
    public record Split(int[] train, int[] test) {
        public Split {
            train = train.clone();
            test = test.clone();
        }

        @Override
        public int[] train() {
            return train.clone();
        }

        @Override
        public int[] test() {
            return test.clone();
        }
    }

    /**
     * Holds out {@code round(n_c * testFraction)} examples of each class c for testing, drawn at random.
     *
     * @param labels       class index of each example (0..)
     * @param testFraction share held out, strictly between 0 and 1
     * @throws InvalidOptionException for a fraction outside (0, 1)
     * @throws InvalidInputException  for a negative (missing) label
     */
    public static Split stratified(int[] labels, double testFraction, long seed) {
        InvalidOptionException.require(testFraction > 0 && testFraction < 1,
                "test fraction must be strictly between 0 and 1, got " + testFraction);
        Random random = new Random(seed);
        List<int[]> byClass = byClass(labels, allIndices(labels.length), "stratified split");
        boolean[] isTest = new boolean[labels.length];
        for (int[] members : byClass) {
            shuffle(members, random);
            long nTest = Math.round(members.length * testFraction);
            for (int i = 0; i < nTest; i++) {
                isTest[members[i]] = true;
            }
        }
        int nTest = 0;
        for (boolean t : isTest) {
            nTest += t ? 1 : 0;
        }
        int[] train = new int[labels.length - nTest];
        int[] test = new int[nTest];
        for (int i = 0, a = 0, b = 0; i < labels.length; i++) {
            if (isTest[i]) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new Split(train, test);
    }

    /**
     * {@code k} examples of every class that occurs in {@code labels}, drawn at random from {@code pool}
     * (indices into {@code labels}).
     *
     * @throws InvalidInputException naming the class when the pool holds fewer than {@code k} of its examples
     */
    public static int[] perClass(int[] labels, int[] pool, int k, long seed) {
        InvalidOptionException.require(k >= 1, "examples per class must be >= 1, got " + k);
        for (int i : pool) {
            if (i < 0 || i >= labels.length) {
                throw new InvalidInputException("pool index " + i + " is outside the " + labels.length + " labels");
            }
        }
        List<int[]> byClass = byClass(labels, pool, "few-shot draw");
        boolean[] occurs = new boolean[byClass.size()];
        for (int y : labels) {
            occurs[y] = true;
        }
        Random random = new Random(seed);
        int[] out = new int[0];
        for (int c = 0; c < byClass.size(); c++) {
            int[] members = byClass.get(c);
            if (!occurs[c]) {
                continue;
            }
            if (members.length < k) {
                throw new InvalidInputException("cannot draw " + k + " examples of class " + c + ": the pool holds "
                        + members.length);
            }
            shuffle(members, random);
            int at = out.length;
            out = Arrays.copyOf(out, at + k);
            System.arraycopy(members, 0, out, at, k);
        }
        Arrays.sort(out);
        return out;
    }

    /** The members of {@code indices} grouped by class, one array per class 0..max(labels), in index order. */
    private static List<int[]> byClass(int[] labels, int[] indices, String what) {
        int classes = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new InvalidInputException(what + " needs labelled examples; example " + i + " has none");
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        int[] counts = new int[classes];
        for (int i : indices) {
            counts[labels[i]]++;
        }
        List<int[]> groups = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            groups.add(new int[counts[c]]);
        }
        int[] filled = new int[classes];
        int[] sorted = indices.clone();
        Arrays.sort(sorted);
        for (int i : sorted) {
            groups.get(labels[i])[filled[labels[i]]++] = i;
        }
        return groups;
    }

    private static int[] allIndices(int n) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }

    /** Shuffles {@code a} in place: Fisher-Yates, the order {@code Collections.shuffle} gives for {@code random}. */
    public static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
