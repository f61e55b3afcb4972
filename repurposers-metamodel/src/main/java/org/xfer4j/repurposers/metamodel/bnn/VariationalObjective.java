package org.xfer4j.repurposers.metamodel.bnn;

import org.xfer4j.repurposers.metamodel.internal.Softmax;
import smile.tensor.DenseMatrix;
import smile.tensor.ScalarType;

/**
 * The negative evidence lower bound per training example on one minibatch and one weight draw, with its gradient
 * in closed form: mean negative log-likelihood of the batch under the drawn weights w = mu + softplus(rho) * eps,
 * plus klWeight * KL(q || prior) / n. The parameter vector is mu followed by rho. With eps fixed this is a smooth
 * deterministic function of (mu, rho), which is what the finite-difference test checks.
 */
final class VariationalObjective {

    private final NetworkPass pass;
    private final double[] prior;
    private final int trainingSize;
    private final int count;
    private final double[] mu;
    private final double[] rho;
    private final double[] sigma;
    private final double[] slope;
    private final double[] weights;
    private final double[] weightGradient;
    private final DenseMatrix delta;
    private final double[] z;
    private final double[] p;

    /** For minibatches of {@code pass.rows()} rows out of {@code trainingSize}, under {@code prior} sigmas. */
    VariationalObjective(NetworkPass pass, double[] prior, int trainingSize) {
        this.pass = pass;
        this.prior = prior;
        this.trainingSize = trainingSize;
        this.count = prior.length;
        this.mu = new double[count];
        this.rho = new double[count];
        this.sigma = new double[count];
        this.slope = new double[count];
        this.weights = new double[count];
        this.weightGradient = new double[count];
        int classes = pass.architecture().classes();
        this.delta = DenseMatrix.zeros(ScalarType.Float64, pass.rows(), classes);
        this.z = new double[classes];
        this.p = new double[classes];
    }

    /**
     * The objective at {@code theta} (mu then rho, 2P values) for the batch already set in the pass, with labels
     * {@code labels} (one per row), noise {@code eps} (P values) and KL weight {@code klWeight}; writes the gradient
     * (2P values). Training needs only the gradient: {@code withValue} false skips the KL's logarithms and
     * returns the batch's negative log-likelihood alone.
     */
    double valueAndGradient(double[] theta, double[] eps, int[] labels, double klWeight, double[] gradient,
            boolean withValue) {
        System.arraycopy(theta, 0, mu, 0, count);
        System.arraycopy(theta, count, rho, 0, count);
        MeanField.sigmas(rho, sigma, slope);
        MeanField.draw(mu, sigma, eps, weights);
        pass.setParameters(weights);
        pass.forward();
        double nll = softmaxCrossEntropy(pass.logits(), labels);
        pass.backward(delta, weightGradient);
        double scale = klWeight / trainingSize;
        for (int i = 0; i < count; i++) {
            double s = sigma[i];
            double p2 = prior[i] * prior[i];
            gradient[i] = weightGradient[i] + scale * mu[i] / p2;
            double dSigma = weightGradient[i] * eps[i] + scale * (s / p2 - 1 / s);
            gradient[count + i] = dSigma * slope[i];
        }
        return withValue ? nll + scale * MeanField.kl(mu, sigma, prior) : nll;
    }

    /** Mean cross-entropy of the logits; fills {@link #delta} with its gradient with respect to them. */
    private double softmaxCrossEntropy(DenseMatrix logits, int[] labels) {
        int rows = labels.length;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < z.length; k++) {
                z[k] = logits.get(i, k);
            }
            sum += Softmax.of(z, p) - z[labels[i]];
            for (int k = 0; k < z.length; k++) {
                delta.set(i, k, (p[k] - (k == labels[i] ? 1 : 0)) / rows);
            }
        }
        return sum / rows;
    }
}
