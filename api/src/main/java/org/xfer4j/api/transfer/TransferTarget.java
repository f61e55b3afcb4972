package org.xfer4j.api.transfer;

import java.util.List;
import java.util.Objects;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;

/**
 * One candidate scored on labelled target data: the candidate's name (model and layer, for messages), the target
 * labels with the candidate layer's features, and the source model's class probabilities where it has a
 * classification head (one row per example, one column per source class; null without a head).
 */
public record TransferTarget(String candidate, FeatureSet features, FeatureMatrix sourceProbabilities,
                             List<String> sourceClasses) {

    /** Fewest examples of each class present that the estimators accept. */
    public static final int MIN_PER_CLASS = 2;

    public TransferTarget {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(features, "features");
        sourceClasses = sourceClasses == null ? List.of() : List.copyOf(sourceClasses);
        if (sourceProbabilities != null && (sourceProbabilities.rows() != features.size()
                || sourceProbabilities.columns() != sourceClasses.size())) {
            throw new InvalidInputException(candidate + ": source probabilities are " + sourceProbabilities.rows()
                    + "x" + sourceProbabilities.columns() + ", expected " + features.size() + " examples x "
                    + sourceClasses.size() + " source classes");
        }
    }

    /** A candidate without a classification head. */
    public TransferTarget(String candidate, FeatureSet features) {
        this(candidate, features, null, List.of());
    }

    /**
     * The labels, checked: at least two classes present and at least {@link #MIN_PER_CLASS} examples of each
     * class present.
     *
     * @throws InvalidInputException naming the class and its count, or the single class
     */
    public int[] requireLabels() {
        int[] counts = features.classCounts();
        List<String> present = new java.util.ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                present.add(features.classes().get(c));
            }
            if (counts[c] > 0 && counts[c] < MIN_PER_CLASS) {
                throw new InvalidInputException("class '" + features.classes().get(c) + "' has " + counts[c]
                        + " example; transferability estimates need at least " + MIN_PER_CLASS + " of each class");
            }
        }
        if (present.size() < 2) {
            throw new InvalidInputException("the target data has examples of only " + (present.isEmpty() ? "no class"
                    : "class '" + present.getFirst() + "'") + "; transferability estimates need at least 2 classes");
        }
        return features.labels();
    }

    /**
     * The candidate's features, checked finite (labels checked too).
     *
     * @throws InvalidInputException naming the row, column and layer of the first NaN or infinite feature
     */
    public FeatureMatrix requireFeatures() {
        requireLabels();
        return features.features().requireFinite(candidate + " features");
    }

    /**
     * The source model's class probabilities, checked finite (labels checked too).
     *
     * @throws InvalidInputException when the source model has no classification head, naming {@code estimator}
     */
    public FeatureMatrix requireSourceProbabilities(String estimator) {
        requireLabels();
        if (sourceProbabilities == null) {
            throw new InvalidInputException(estimator + " needs the source model's class probabilities, but "
                    + candidate + " comes from a model without a classification head");
        }
        return sourceProbabilities.requireFinite(candidate + " source probabilities");
    }
}
