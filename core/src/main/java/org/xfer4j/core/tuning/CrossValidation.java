package org.xfer4j.core.tuning;

import java.util.Map;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.Predictions;

/** Out-of-fold predictions: each example predicted by the model fitted on the other folds. */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * Predictions for every example of {@code training}, in its order, each from the classifier fitted with
     * {@code options} on the folds that do not hold it.
     *
     * @param folds held-out indices per fold, as {@link StratifiedFolds#split} makes them
     */
    public static Predictions outOfFold(Fitter fitter, FeatureSet training, Map<String, String> options,
            int[][] folds) {
        double[][] probabilities = new double[training.size()][];
        for (int[] held : folds) {
            FeatureSet part = training.select(StratifiedFolds.complement(training.size(), held));
            Predictions p = fitter.fit(part, options).predict(training.features().selectRows(held));
            for (int i = 0; i < held.length; i++) {
                probabilities[held[i]] = p.probabilities()[i];
            }
        }
        return new Predictions(training.classes(), probabilities);
    }
}
