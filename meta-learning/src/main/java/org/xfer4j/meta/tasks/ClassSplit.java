package org.xfer4j.meta.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.data.split.ClassGroups;

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

    /** The split spec that splits by the dataset's class groups (the alphabets of glyphs). */
    public static final String BY_GROUPS = "alphabets";

    /**
     * Whether {@code spec} asks for a split by class groups ("alphabets", or "alphabets:V" with V background groups
     * held out for meta-validation), or is absent for a dataset that has groups: those are split by group.
     */
    public static boolean byGroups(String spec, Dataset data) {
        return spec == null || spec.isBlank() ? data instanceof ClassGroups
                : spec.trim().equals(BY_GROUPS) || spec.trim().startsWith(BY_GROUPS + ":");
    }

    /**
     * The split of {@code data}'s classes that {@code spec} asks for: by class groups (see {@link #byGroups}), else by
     * counts as {@link #parse} reads them.
     *
     * @throws InvalidOptionException naming the spec when it is malformed, or asks for groups the data lacks
     */
    public static ClassSplit of(String spec, Dataset data, int ways, long seed) {
        if (!byGroups(spec, data)) {
            return parse(spec, data.classes().size(), ways, seed);
        }
        if (!(data instanceof ClassGroups groups)) {
            throw new InvalidOptionException("class split '" + spec + "' splits by alphabet, but " + data.name()
                    + " has no alphabets (glyphs has); give train/validation/test class counts instead");
        }
        String tail = spec == null || spec.isBlank() ? "" : spec.trim().substring(BY_GROUPS.length());
        int validation;
        try {
            validation = tail.isEmpty() ? 0 : Integer.parseInt(tail.substring(1));
        } catch (NumberFormatException e) {
            throw new InvalidOptionException("class split '" + spec + "': after 'alphabets:' comes the number of "
                    + "background alphabets held out for meta-validation, such as alphabets:5");
        }
        return ofGroups(groups, data.classes().size(), validation, seed);
    }

    /**
     * Meta-test on every class of the evaluation groups, meta-validation on {@code validationGroups} of the other
     * groups (chosen with {@code seed}), meta-training on the rest: no group has classes in two parts.
     *
     * @throws InvalidOptionException when there are no evaluation groups, or the validation groups would leave none to
     *                                meta-train on
     */
    public static ClassSplit ofGroups(ClassGroups groups, int classCount, int validationGroups, long seed) {
        List<String> background = new ArrayList<>(groups.groups());
        background.removeAll(groups.evaluationGroups());
        InvalidOptionException.require(!groups.evaluationGroups().isEmpty() && !background.isEmpty(),
                "a split by alphabet needs background and evaluation alphabets, got " + background + " and "
                        + groups.evaluationGroups());
        InvalidOptionException.require(validationGroups >= 0 && validationGroups < background.size(),
                "class split alphabets:" + validationGroups + " must hold out 0 to " + (background.size() - 1)
                        + " of the " + background.size() + " background alphabets for meta-validation");
        Collections.shuffle(background, new Random(seed));
        List<String> held = background.subList(0, validationGroups);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            String g = groups.group(c);
            (groups.evaluationGroups().contains(g) ? test : held.contains(g) ? validation : train).add(c);
        }
        return new ClassSplit(train, validation, test);
    }

    private static List<Integer> sorted(List<Integer> classes) {
        List<Integer> s = new ArrayList<>(classes);
        Collections.sort(s);
        return s;
    }
}
