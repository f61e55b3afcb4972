package org.xfer4j.transferability.estimators;

import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.transfer.TransferTarget;
import org.xfer4j.api.transfer.TransferabilityEstimator;

/**
 * NCE (Tran et al., 2019): the negative conditional entropy -H(Y | Z) of the target labels Y given the source
 * model's predicted class Z (its most probable one), from their empirical joint distribution. Needs a
 * classification head; the same for every layer of a model.
 */
public final class Nce implements TransferabilityEstimator {

    @Override
    public String id() {
        return "nce";
    }

    @Override
    public String description() {
        return "NCE: negative conditional entropy of labels given the source model's predicted class (Tran et al., 2019)";
    }

    @Override
    public Reads reads() {
        return Reads.SOURCE_PROBABILITIES;
    }

    @Override
    public double estimate(TransferTarget target, ProviderContext context) {
        FeatureMatrix theta = target.requireSourceProbabilities("NCE");
        int[] y = target.features().labels();
        int n = y.length;
        int sources = theta.columns();
        double[][] joint = new double[target.features().classes().size()][sources];
        double[] marginal = new double[sources];
        for (int i = 0; i < n; i++) {
            int z = 0;
            for (int k = 1; k < sources; k++) {
                if (theta.get(i, k) > theta.get(i, z)) {
                    z = k;
                }
            }
            joint[y[i]][z] += 1.0 / n;
            marginal[z] += 1.0 / n;
        }
        double nce = 0;
        for (double[] row : joint) {
            for (int z = 0; z < sources; z++) {
                if (row[z] > 0) {
                    nce += row[z] * Math.log(row[z] / marginal[z]);
                }
            }
        }
        return nce;
    }
}
