package org.xfer4j.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;

/**
 * Maps the labels of evaluation data onto a model's classes by class name, never by position: a test set may hold a
 * subset of the model's classes, in another order, and classes the model never saw. Aligned labels index
 * {@link #classes()}: the model's classes first, then the evaluation classes the model lacks ("unseen"), to which
 * the model gives probability 0, so every metric counts their examples as wrong.
 */
public final class LabelAlignment {

    private final List<String> evaluationClasses;
    private final int modelClasses;
    private final List<String> classes;
    private final int[] toAligned;

    private LabelAlignment(List<String> evaluationClasses, int modelClasses, List<String> classes, int[] toAligned) {
        this.evaluationClasses = List.copyOf(evaluationClasses);
        this.modelClasses = modelClasses;
        this.classes = List.copyOf(classes);
        this.toAligned = toAligned;
    }

    /** The alignment of labels indexing {@code evaluationClasses} to a model predicting {@code modelClasses}. */
    public static LabelAlignment of(List<String> evaluationClasses, List<String> modelClasses) {
        Map<String, Integer> index = new HashMap<>();
        List<String> classes = new ArrayList<>(modelClasses);
        for (int c = 0; c < modelClasses.size(); c++) {
            index.putIfAbsent(modelClasses.get(c), c);
        }
        int[] toAligned = new int[evaluationClasses.size()];
        for (int c = 0; c < toAligned.length; c++) {
            String name = evaluationClasses.get(c);
            Integer known = index.get(name);
            if (known == null) {
                known = classes.size();
                index.put(name, known);
                classes.add(name);
            }
            toAligned[c] = known;
        }
        return new LabelAlignment(evaluationClasses, modelClasses.size(), classes, toAligned);
    }

    /** The model's classes followed by the evaluation classes it lacks; aligned labels index this list. */
    public List<String> classes() {
        return classes;
    }

    /** Number of the model's classes: aligned labels from this value on are classes the model never saw. */
    public int modelClasses() {
        return modelClasses;
    }

    /**
     * {@code labels} (indices into the evaluation classes) as indices into {@link #classes()}.
     *
     * @param set names the evaluation data in messages
     * @throws InvalidInputException naming {@code set} and the example when a label is missing or out of range
     */
    public int[] align(int[] labels, String set) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            if (y < 0) {
                throw new InvalidInputException("example " + i + " of " + set + " has no label; metrics need every "
                        + "example labelled");
            }
            if (y >= toAligned.length) {
                throw new InvalidInputException("label " + y + " of example " + i + " of " + set
                        + " is not a class index (0.." + (toAligned.length - 1) + " for " + evaluationClasses + ")");
            }
            out[i] = toAligned[y];
        }
        return out;
    }

    /** How many examples of each class the model never saw {@code aligned} holds, by name, in class order. */
    Map<String, Integer> unseenCounts(int[] aligned) {
        int[] counts = new int[classes.size()];
        for (int y : aligned) {
            counts[y]++;
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int c = modelClasses; c < counts.length; c++) {
            if (counts[c] > 0) {
                out.put(classes.get(c), counts[c]);
            }
        }
        return out;
    }
}
