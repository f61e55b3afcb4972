package org.xfer4j.transferability.estimators;

import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.transfer.TransferTarget;
import org.xfer4j.api.transfer.TransferabilityEstimator;

/**
 * LEEP (Nguyen et al., 2020): the mean log-likelihood of the target labels under the "expected empirical predictor"
 * that maps the source model's class probabilities through the empirical conditional P(target | source class).
 * Needs a classification head; the same for every layer of a model.
 */
public final class Leep implements TransferabilityEstimator {

    @Override
    public String id() {
        return "leep";
    }

    @Override
    public String description() {
        return "LEEP: log expected empirical prediction from the source model's classes (Nguyen et al., 2020)";
    }

    @Override
    public Reads reads() {
        return Reads.SOURCE_PROBABILITIES;
    }

    @Override
    public double estimate(TransferTarget target, ProviderContext context) {
        FeatureMatrix theta = target.requireSourceProbabilities("LEEP");
        int[] y = target.features().labels();
        int n = y.length;
        int sources = theta.columns();
        int classes = target.features().classes().size();
        double[][] joint = new double[classes][sources];
        double[] marginal = new double[sources];
        for (int i = 0; i < n; i++) {
            for (int z = 0; z < sources; z++) {
                joint[y[i]][z] += theta.get(i, z) / n;
                marginal[z] += theta.get(i, z) / n;
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double p = 0;
            for (int z = 0; z < sources; z++) {
                if (marginal[z] > 0) {
                    p += joint[y[i]][z] / marginal[z] * theta.get(i, z);
                }
            }
            sum += Math.log(p);
        }
        return sum / n;
    }
}
