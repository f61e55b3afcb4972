package org.xfer4j.repurposers.metamodel.internal;

import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;

/**
 * Centres and scales every feature column to zero mean and unit variance (constant columns keep scale 1), and
 * checks that features handed to a trained classifier have its width and finite values.
 */
public record Standardizer(double[] mean, double[] scale) {

    private static final String MEAN = "standardizer.mean";
    private static final String SCALE = "standardizer.scale";

    public Standardizer {
        if (mean.length != scale.length) {
            throw new InvalidInputException("standardizer has " + mean.length + " means but " + scale.length
                    + " scales");
        }
    }

    /** The column means and (population) standard deviations of {@code features}. */
    public static Standardizer fit(FeatureMatrix features) {
        int n = features.rows();
        int d = features.columns();
        float[] v = features.values();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0, off = i * d; j < d; j++) {
                mean[j] += v[off + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0, off = i * d; j < d; j++) {
                double c = v[off + j] - mean[j];
                var[j] += c * c;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(var[j] / n);
            scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mean[j])) ? sd : 1;
        }
        return new Standardizer(mean, scale);
    }

    /** The feature width this standardizer was fitted on. */
    public int width() {
        return mean.length;
    }

    /** Standardised training features, row-major, without input checks (the host checked them). */
    public double[] transform(FeatureMatrix features) {
        return transformRows(features, 0, features.rows());
    }

    /** Standardised rows [from, to) of {@code features}, row-major. */
    public double[] transformRows(FeatureMatrix features, int from, int to) {
        int d = width();
        float[] v = features.values();
        double[] out = new double[(to - from) * d];
        for (int i = from; i < to; i++) {
            for (int j = 0, in = i * d, o = (i - from) * d; j < d; j++) {
                out[o + j] = (v[in + j] - mean[j]) / scale[j];
            }
        }
        return out;
    }

    /**
     * Checks features handed to a trained classifier.
     *
     * @throws InvalidInputException naming {@code owner} when the width differs from the training width or a
     *         value is NaN or infinite
     */
    public void check(FeatureMatrix features, String owner) {
        if (features.columns() != width()) {
            throw new InvalidInputException(owner + " was trained on " + width() + " features per example but got "
                    + features.rows() + "x" + features.columns() + " features");
        }
        features.requireFinite(owner + " input");
    }

    /** Writes the means and scales. */
    public void save(PayloadWriter payload) {
        payload.putDoubles(MEAN, mean, mean.length);
        payload.putDoubles(SCALE, scale, scale.length);
    }

    /**
     * Reads what {@link #save} wrote.
     *
     * @throws InvalidInputException naming the entry when a scale is not positive (fitting never makes one)
     */
    public static Standardizer load(PayloadReader payload) {
        double[] scale = payload.getDoubles(SCALE);
        for (int j = 0; j < scale.length; j++) {
            if (!(scale[j] > 0)) {
                throw new InvalidInputException("payload entry '" + SCALE + "' holds " + scale[j] + " at index " + j
                        + "; a feature's scale is positive (damaged or altered)");
            }
        }
        return new Standardizer(payload.getDoubles(MEAN), scale);
    }
}
