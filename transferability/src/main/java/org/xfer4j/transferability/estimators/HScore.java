package org.xfer4j.transferability.estimators;

import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.transfer.TransferTarget;
import org.xfer4j.api.transfer.TransferabilityEstimator;

/**
 * H-score (Bao et al., 2019): tr(cov(f)^-1 cov(E[f|y])), how much of the features' variance lies between the
 * class means. With fewer examples than dimensions the plain covariance is singular and the score degenerates to
 * (classes - 1) whatever the features, so, as Ibrahim et al. (2022) propose, cov(f) is shrunk towards a multiple of
 * the identity by the Ledoit-Wolf amount (near 0 when examples far outnumber dimensions, where this is Bao's score).
 */
public final class HScore implements TransferabilityEstimator {

    @Override
    public String id() {
        return "hscore";
    }

    @Override
    public String description() {
        return "H-score with Ledoit-Wolf shrinkage: between-class over total feature covariance (Bao et al., 2019)";
    }

    @Override
    public double estimate(TransferTarget target, ProviderContext context) {
        double[][] x = Indicators.centred(target.requireFeatures().toDoubleRows());
        int[] labels = target.features().labels();
        int n = x.length;
        int d = x[0].length;
        Spectrum spectrum = Spectrum.of(x);
        double[] s = spectrum.s();
        double a = shrinkage(x, s);
        double trace = 0;
        for (double v : s) {
            trace += v * v / n;
        }
        double mu = trace / d;
        double[] lambda = new double[s.length]; // eigenvalues of the shrunk covariance along each v_k
        double largest = 0;
        for (int k = 0; k < s.length; k++) {
            lambda[k] = (1 - a) * s[k] * s[k] / n + a * mu;
            largest = Math.max(largest, lambda[k]);
        }
        int[] counts = target.features().classCounts();
        double score = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                continue;
            }
            // v_k'(mean_c - mean) = s_k (U' 1_c)_k / n_c; the class means lie in the span of the v_k
            double[] z = spectrum.project(Indicators.of(labels, c));
            for (int k = 0; k < s.length; k++) {
                if (lambda[k] > 1e-12 * largest) {
                    score += s[k] * s[k] * z[k] * z[k] / (counts[c] * lambda[k]);
                }
            }
        }
        return score / n;
    }

    /**
     * The Ledoit-Wolf shrinkage intensity in [0, 1] for centred rows {@code x} with singular values {@code s}, from
     * the sample covariance S = X'X/n: min(b, delta)/delta with delta = ||S - mu I||^2/d and b the estimated
     * squared error of S, (sum_i ||x_i||^4/n - ||S||^2)/(n d).
     */
    static double shrinkage(double[][] x, double[] s) {
        int n = x.length;
        int d = x[0].length;
        double trace = 0;
        double frobenius = 0;
        for (double v : s) {
            double e = v * v / n;
            trace += e;
            frobenius += e * e;
        }
        double mu = trace / d;
        double delta = (frobenius - d * mu * mu) / d;
        double fourth = 0;
        for (double[] row : x) {
            double norm = 0;
            for (double v : row) {
                norm += v * v;
            }
            fourth += norm * norm;
        }
        double b = Math.min((fourth / n - frobenius) / ((double) n * d), delta);
        return delta <= 0 || b <= 0 ? 0 : b / delta;
    }
}
