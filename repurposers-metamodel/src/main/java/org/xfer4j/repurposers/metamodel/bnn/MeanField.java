package org.xfer4j.repurposers.metamodel.bnn;

/**
 * The mean-field Gaussian posterior over the network's parameters: parameter i is N(mu_i, sigma_i^2) with
 * sigma_i = softplus(rho_i) = log(1 + e^rho_i), so an unconstrained rho keeps sigma positive. Draws use the
 * reparameterisation w = mu + sigma * eps with standard normal eps, so gradients flow to mu and rho through w.
 */
final class MeanField {

    private MeanField() {
    }

    /** The rho whose softplus is {@code sigma}. */
    static double rho(double sigma) {
        return sigma > 30 ? sigma : Math.log(Math.expm1(sigma));
    }

    /** Writes softplus(rho) into {@code sigma} and, where {@code slope} is not null, d sigma / d rho into it. */
    static void sigmas(double[] rho, double[] sigma, double[] slope) {
        for (int i = 0; i < rho.length; i++) {
            double r = rho[i];
            if (r > 30) {
                sigma[i] = r;
                if (slope != null) {
                    slope[i] = 1;
                }
            } else {
                double e = Math.exp(r); // one exponential serves both
                sigma[i] = Math.log1p(e);
                if (slope != null) {
                    slope[i] = e / (1 + e);
                }
            }
        }
    }

    /** Writes w = mu + sigma * eps. */
    static void draw(double[] mu, double[] sigma, double[] eps, double[] w) {
        for (int i = 0; i < w.length; i++) {
            w[i] = mu[i] + sigma[i] * eps[i];
        }
    }

    /**
     * KL(q || p) between the posterior and the zero-mean prior with standard deviations {@code prior}: the sum over
     * parameters of log(s_p / s) + (s^2 + mu^2) / (2 s_p^2) - 1/2.
     */
    static double kl(double[] mu, double[] sigma, double[] prior) {
        double sum = 0;
        for (int i = 0; i < mu.length; i++) {
            double s = sigma[i];
            double p2 = prior[i] * prior[i];
            sum += Math.log(prior[i] / s) + (s * s + mu[i] * mu[i]) / (2 * p2) - 0.5;
        }
        return sum;
    }
}
