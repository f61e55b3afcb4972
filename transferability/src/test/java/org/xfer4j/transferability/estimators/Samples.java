package org.xfer4j.transferability.estimators;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.transfer.TransferTarget;

/** Small seeded target tasks for the estimator tests: class-shifted Gaussian features and softmax source outputs. */
final class Samples {

    private Samples() {
    }

    /**
     * {@code n} examples of {@code classes} classes (dealt in turn) with {@code d} features, class c shifted by
     * {@code shift} along feature c mod d, and a {@code z}-class source head whose logits lean on the label.
     */
    static TransferTarget target(long seed, int n, int d, int classes, double shift, int z) {
        Random rng = new Random(seed);
        float[][] x = new float[n][d];
        float[][] p = new float[n][z];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) (rng.nextGaussian() + (j % classes == y[i] ? shift : 0));
            }
            double[] logits = new double[z];
            double sum = 0;
            for (int k = 0; k < z; k++) {
                logits[k] = rng.nextGaussian() + (k % classes == y[i] ? 1.5 : 0);
                sum += Math.exp(logits[k]);
            }
            for (int k = 0; k < z; k++) {
                p[i][k] = (float) (Math.exp(logits[k]) / sum);
            }
        }
        List<String> names = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        for (int k = 0; k < z; k++) {
            sources.add("source" + k);
        }
        return new TransferTarget("sample", new FeatureSet(FeatureMatrix.of(x), y, names), FeatureMatrix.of(p),
                sources);
    }
}
