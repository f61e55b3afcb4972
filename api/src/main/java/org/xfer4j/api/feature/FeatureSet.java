package org.xfer4j.api.feature;

import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.TrainingLabels;

/** Labelled features for training a meta-model: one label per feature row, indexing {@code classes}. */
public record FeatureSet(FeatureMatrix features, int[] labels, List<String> classes) {

    public FeatureSet {
        classes = List.copyOf(classes);
        labels = labels.clone();
        if (labels.length != features.rows()) {
            throw new InvalidInputException(features.rows() + " feature rows but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes.size()) {
                throw new InvalidInputException("label " + labels[i] + " of example " + i
                        + " is not a class index (0.." + (classes.size() - 1) + ")");
            }
        }
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** Examples per class, indexed like {@link #classes()}. */
    public int[] classCounts() {
        int[] counts = new int[classes.size()];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    /**
     * Throws {@link InvalidInputException} unless this set can train a classifier: non-empty, at least two classes
     * present, every feature finite.
     */
    public FeatureSet requireTrainable() {
        TrainingLabels.require("the training set", labels, classes);
        features.requireFinite("training features");
        return this;
    }

    /** The examples at {@code indices}. */
    public FeatureSet select(int[] indices) {
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            y[i] = labels[indices[i]];
        }
        return new FeatureSet(features.selectRows(indices), y, classes);
    }
}
