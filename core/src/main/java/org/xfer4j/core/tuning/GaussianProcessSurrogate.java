package org.xfer4j.core.tuning;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Gaussian-process regression of losses over the unit cube: Matérn 5/2 kernel with per-dimension lengthscales,
 * signal variance and noise variance chosen by maximising the log marginal likelihood (random starts, then a hill
 * climb from the best), on losses standardised to mean 0 and variance 1.
 */
final class GaussianProcessSurrogate {

    /** Hyperparameter bounds, in log space: lengthscales 0.02..5 of the unit cube, variances of standardised losses. */
    private static final double LOG_LENGTH_MIN = Math.log(0.02);
    private static final double LOG_LENGTH_MAX = Math.log(5);
    private static final double LOG_VARIANCE_MIN = Math.log(0.05);
    private static final double LOG_VARIANCE_MAX = Math.log(20);
    private static final double LOG_NOISE_MIN = Math.log(1e-6);
    private static final double LOG_NOISE_MAX = Math.log(0.5);
    private static final int RANDOM_STARTS = 24;
    private static final int CLIMB_STEPS = 80;

    private final double[][] x;
    private final double mean;
    private final double scale;
    private final Matern52 kernel;
    private final Cholesky factor;
    private final double[] alpha;

    private GaussianProcessSurrogate(double[][] x, double mean, double scale, Matern52 kernel, Cholesky factor,
            double[] alpha) {
        this.x = x;
        this.mean = mean;
        this.scale = scale;
        this.kernel = kernel;
        this.factor = factor;
        this.alpha = alpha;
    }

    /** The surrogate of losses {@code y} at points {@code x} (at least two), its hyperparameters fitted with {@code random}. */
    static GaussianProcessSurrogate fit(double[][] x, double[] y, SplittableRandom random) {
        double mean = Arrays.stream(y).average().orElse(0);
        double var = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / y.length;
        double scale = var > 1e-24 ? Math.sqrt(var) : 1;
        double[] z = Arrays.stream(y).map(v -> (v - mean) / scale).toArray();
        int d = x[0].length;
        double[] lower = new double[d + 2];
        double[] upper = new double[d + 2];
        Arrays.fill(lower, 0, d, LOG_LENGTH_MIN);
        Arrays.fill(upper, 0, d, LOG_LENGTH_MAX);
        lower[d] = LOG_VARIANCE_MIN;
        upper[d] = LOG_VARIANCE_MAX;
        lower[d + 1] = LOG_NOISE_MIN;
        upper[d + 1] = LOG_NOISE_MAX;
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < RANDOM_STARTS; s++) {
            double[] theta = new double[d + 2];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = lower[i] + random.nextDouble() * (upper[i] - lower[i]);
            }
            double value = logMarginalLikelihood(x, z, theta);
            if (value > bestValue) {
                best = theta;
                bestValue = value;
            }
        }
        if (best == null) { // no start was positive definite: fall back to the most regularised setting
            best = upper.clone();
            bestValue = logMarginalLikelihood(x, z, best);
        }
        best = new HillClimb(lower, upper, CLIMB_STEPS)
                .maximise(t -> logMarginalLikelihood(x, z, t), best, bestValue, 0.1, random).point();
        Matern52 kernel = kernel(best, d);
        Cholesky factor = Cholesky.of(covariance(x, kernel, Math.exp(best[d + 1])));
        if (factor == null) {
            throw new IllegalStateException("surrogate covariance is not positive definite even with the largest noise");
        }
        return new GaussianProcessSurrogate(x, mean, scale, kernel, factor, factor.solve(z));
    }

    /** The predicted mean and standard deviation of the loss at {@code point}. */
    double[] predict(double[] point) {
        double[] k = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            k[i] = kernel.at(point, x[i]);
        }
        double mu = 0;
        for (int i = 0; i < k.length; i++) {
            mu += k[i] * alpha[i];
        }
        double[] v = factor.solveLower(k);
        double var = kernel.variance();
        for (double vi : v) {
            var -= vi * vi;
        }
        return new double[] {mean + scale * mu, scale * Math.sqrt(Math.max(var, 1e-12))};
    }

    private static double logMarginalLikelihood(double[][] x, double[] z, double[] theta) {
        int d = x[0].length;
        Cholesky c = Cholesky.of(covariance(x, kernel(theta, d), Math.exp(theta[d + 1])));
        if (c == null) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] a = c.solve(z);
        double fit = 0;
        for (int i = 0; i < z.length; i++) {
            fit += z[i] * a[i];
        }
        return -0.5 * fit - 0.5 * c.logDeterminant() - 0.5 * z.length * Math.log(2 * Math.PI);
    }

    private static Matern52 kernel(double[] theta, int d) {
        double[] lengths = new double[d];
        for (int i = 0; i < d; i++) {
            lengths[i] = Math.exp(theta[i]);
        }
        return new Matern52(lengths, Math.exp(theta[d]));
    }

    private static double[][] covariance(double[][] x, Matern52 kernel, double noise) {
        int n = x.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                k[i][j] = kernel.at(x[i], x[j]);
                k[j][i] = k[i][j];
            }
            k[i][i] += noise + 1e-10;
        }
        return k;
    }
}
