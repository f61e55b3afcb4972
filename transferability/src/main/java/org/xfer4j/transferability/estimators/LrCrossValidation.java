package org.xfer4j.transferability.estimators;

import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.transfer.TransferTarget;
import org.xfer4j.api.transfer.TransferabilityEstimator;
import org.xfer4j.core.tuning.StratifiedFolds;
import org.xfer4j.repurposers.metamodel.lr.LrOptions;
import org.xfer4j.repurposers.metamodel.lr.LrProvider;

/**
 * The direct baseline: the accuracy of {@code lr} with C = 1 in seeded stratified 3-fold cross-validation on the
 * target data. C is fixed (not {@code lr}'s default {@code auto}, which would cross-validate inside each fold): three
 * fits per candidate, about twice one fit with a fixed C and a fifth of one default (C = auto) training
 * (bench/README.md, "Transferability").
 */
public final class LrCrossValidation implements TransferabilityEstimator {

    /** Folds: the fewest that leave two thirds to train on; a class needs at least this many examples. */
    static final int FOLDS = 3;
    /** lr's options for each fold: C = 1, the other defaults. */
    static final LrOptions FIXED_C = LrOptions.withC(1.0);

    private final LrProvider lr = new LrProvider();

    @Override
    public String id() {
        return "lr";
    }

    @Override
    public String description() {
        return "accuracy of lr (C=1) in stratified " + FOLDS + "-fold cross-validation";
    }

    @Override
    public double estimate(TransferTarget target, ProviderContext context) {
        target.requireFeatures();
        FeatureSet set = target.features();
        int[][] folds = StratifiedFolds.split(set, FOLDS, context.seed());
        int correct = 0;
        for (int[] held : folds) {
            FeatureClassifier model = lr.fit(set.select(StratifiedFolds.complement(set.size(), held)),
                    FIXED_C, context);
            Predictions p = model.predict(set.select(held).features());
            int[] predicted = p.labels();
            for (int i = 0; i < held.length; i++) {
                if (p.classes().get(predicted[i]).equals(set.classes().get(set.labels()[held[i]]))) {
                    correct++;
                }
            }
        }
        return (double) correct / set.size();
    }
}
