package org.xfer4j.transferability.estimators;

import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.transfer.TransferTarget;
import org.xfer4j.api.transfer.TransferabilityEstimator;

/**
 * LogME (You et al., 2021): for each class, the log marginal likelihood (evidence) per example of a Bayesian linear
 * regression from the features to the class's one-hot column, with prior precision alpha and noise precision beta
 * set by MacKay's fixed-point iteration; the score is the mean over classes. Everything runs in the basis of one
 * thin SVD of the features, so each iteration costs O(min(n, d)).
 */
public final class LogMe implements TransferabilityEstimator {

    /** Iteration cap of the fixed point; it converges in well under 20 on real features. */
    static final int MAX_ITERATIONS = 100;
    /** Stop when alpha/beta changes by less than this fraction. */
    static final double TOLERANCE = 1e-6;
    /**
     * Stop when alpha/beta exceeds the largest squared singular value by this factor: the prior then holds the
     * weights at 0 (the features carry no linear signal for the class) and the evidence has reached its limit,
     * while alpha alone would grow without bound.
     */
    static final double PRIOR_DOMINATES = 1e10;
    /**
     * Stop when alpha/beta falls below the smallest non-zero squared singular value by this factor: with no more
     * examples than dimensions the targets can be interpolated, beta grows without bound, and the evidence has
     * reached its (finite) limit.
     */
    static final double NOISE_VANISHES = 1e-10;

    @Override
    public String id() {
        return "logme";
    }

    @Override
    public String description() {
        return "LogME: evidence of a Bayesian linear model from features to labels (You et al., 2021)";
    }

    @Override
    public double estimate(TransferTarget target, ProviderContext context) {
        double[][] x = target.requireFeatures().toDoubleRows();
        int[] labels = target.features().labels();
        Spectrum spectrum = Spectrum.of(x);
        double[] s2 = new double[spectrum.s().length];
        for (int k = 0; k < s2.length; k++) {
            s2[k] = spectrum.s()[k] * spectrum.s()[k];
        }
        int[] counts = target.features().classCounts();
        double total = 0;
        int present = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                double[] z = spectrum.project(Indicators.of(labels, c));
                total += evidence(s2, z, counts[c], x.length, x[0].length) / x.length;
                present++;
            }
        }
        return total / present;
    }

    /**
     * The log evidence of targets y (with ||y||^2 = {@code yy} and U'y = {@code z}) under features with squared
     * singular values {@code s2}, n examples and d dimensions, at the fixed point of alpha and beta.
     */
    static double evidence(double[] s2, double[] z, double yy, int n, int d) {
        double alpha = 1;
        double beta = 1;
        double largest = 0;
        for (double v : s2) {
            largest = Math.max(largest, v);
        }
        double smallest = largest;
        for (double v : s2) {
            if (v > 1e-12 * largest) {
                smallest = Math.min(smallest, v);
            }
        }
        Posterior p = new Posterior(s2, z, yy, alpha, beta);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double newAlpha = p.gamma / p.mm;
            double newBeta = (n - p.gamma) / p.residual;
            double lambda = newAlpha / newBeta;
            if (!(lambda < PRIOR_DOMINATES * largest && lambda > NOISE_VANISHES * smallest)) {
                break; // at a limit of the evidence (or past what double precision holds): keep the last finite step
            }
            double change = Math.abs(newAlpha / newBeta - alpha / beta) / (alpha / beta);
            alpha = newAlpha;
            beta = newBeta;
            p = new Posterior(s2, z, yy, alpha, beta);
            if (change < TOLERANCE) {
                break;
            }
        }
        // log|alpha I + beta F'F|: the d - r directions without signal contribute log(alpha) each
        double logDet = (d - s2.length) * Math.log(alpha);
        for (double v : s2) {
            logDet += Math.log(alpha + beta * v);
        }
        return d / 2.0 * Math.log(alpha) + n / 2.0 * Math.log(beta) - logDet / 2 - beta / 2 * p.residual
                - alpha / 2 * p.mm - n / 2.0 * Math.log(2 * Math.PI);
    }

    /** The posterior mean's squared norm, the residual sum of squares and the effective number of parameters. */
    private static final class Posterior {
        final double mm;
        final double residual;
        final double gamma;

        Posterior(double[] s2, double[] z, double yy, double alpha, double beta) {
            double m2 = 0;
            double outside = yy; // the part of y outside the features' column space stays in the residual
            double inside = 0;
            double g = 0;
            for (int k = 0; k < s2.length; k++) {
                double denominator = alpha + beta * s2[k];
                double m = beta * Math.sqrt(s2[k]) * z[k] / denominator; // posterior mean along v_k
                m2 += m * m;
                outside -= z[k] * z[k];
                double r = z[k] - Math.sqrt(s2[k]) * m;
                inside += r * r;
                g += beta * s2[k] / denominator;
            }
            this.mm = m2;
            this.residual = Math.max(outside, 0) + inside;
            this.gamma = g;
        }
    }
}
