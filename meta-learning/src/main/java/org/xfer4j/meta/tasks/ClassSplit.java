package org.xfer4j.meta.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.xfer4j.api.InvalidOptionException;

/**
 * A seeded split of a dataset's classes into disjoint meta-train, meta-validation and meta-test classes, so that
 * meta-test episodes ask for classes never seen while meta-training. The same class count, sizes and seed give the
 * same split on every JVM ({@link Random} is specified exactly).
 */
public record ClassSplit(List<Integer> train, List<Integer> validation, List<Integer> test) {

    /** Which part of the split an episode distribution draws from. */
    public enum Part {
        TRAIN("meta-train"), VALIDATION("meta-validation"), TEST("meta-test");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        /** The name used in logs and reports. */
        public String label() {
            return label;
        }
    }

    public ClassSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /** The classes of {@code part}. */
    public List<Integer> classes(Part part) {
        return switch (part) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }

    /**
     * Shuffles the class indices 0..classCount-1 with {@code seed} and cuts them into parts of the given sizes.
     *
     * @throws InvalidOptionException when a size is negative, train or test is empty, or the sizes do not add up
     */
    public static ClassSplit of(int classCount, int train, int validation, int test, long seed) {
        InvalidOptionException.require(train >= 1 && validation >= 0 && test >= 1,
                "a class split needs at least one meta-train and one meta-test class, got " + train + "/" + validation
                        + "/" + test);
        InvalidOptionException.require(train + validation + test == classCount, "class split " + train + "/"
                + validation + "/" + test + " covers " + (train + validation + test) + " classes, but the dataset has "
                + classCount);
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            order.add(c);
        }
        Collections.shuffle(order, new Random(seed));
        return new ClassSplit(sorted(order.subList(0, train)), sorted(order.subList(train, train + validation)),
                sorted(order.subList(train + validation, classCount)));
    }

    /**
     * A split from "train/validation/test" class counts (such as "10/5/5"), or, for a null or empty spec, 20 % of the
     * classes (at least {@code ways}) for meta-test, as many for meta-validation where the rest keeps {@code ways}
     * classes for meta-training, and the rest for meta-training.
     *
     * @throws InvalidOptionException naming the spec when it is not three non-negative integers
     */
    public static ClassSplit parse(String spec, int classCount, int ways, long seed) {
        if (spec == null || spec.isBlank()) {
            int test = Math.max(ways, (int) Math.round(classCount * 0.2));
            int validation = classCount - 2 * test >= ways ? test : 0;
            return of(classCount, Math.max(1, classCount - test - validation), validation,
                    Math.min(test, classCount - 1), seed);
        }
        String[] parts = spec.trim().split("/");
        InvalidOptionException.require(parts.length == 3, "class split '" + spec
                + "' must be train/validation/test class counts, such as 12/4/4");
        int[] n = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                n[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidOptionException("class split '" + spec + "': '" + parts[i]
                        + "' is not a class count");
            }
        }
        return of(classCount, n[0], n[1], n[2], seed);
    }

    private static List<Integer> sorted(List<Integer> classes) {
        List<Integer> s = new ArrayList<>(classes);
        Collections.sort(s);
        return s;
    }
}
