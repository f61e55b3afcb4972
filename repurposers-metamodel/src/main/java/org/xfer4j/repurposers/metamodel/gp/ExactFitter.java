package org.xfer4j.repurposers.metamodel.gp;

import org.xfer4j.api.Progress;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.repurposers.metamodel.internal.Standardizer;

/**
 * Fits an {@link ExactGpClassifier}: the kernel's three hyperparameters maximise the Laplace approximate marginal
 * likelihood of the multi-class softmax GP on all examples, plus a weak log-normal hyperprior that keeps a handful of
 * examples from choosing a degenerate kernel, by pattern search; then the posterior at the best ones.
 */
final class ExactFitter {

    /**
     * Where the search starts and the hyperprior is centred: log linear variance, log RBF variance, log lengthscale.
     * A large linear variance (latent standard deviation ~30 on a typical example) lets 5-10 examples per class reach
     * confident, calibrated predictions; chosen on validation splits of the spam-subject and Fashion-MNIST studies
     * (bench/README.md) against 100 (under-confident on text) and 10^4 (over-confident on text).
     */
    private static final double[] START = {Math.log(1000), 0, 0};
    private static final double[] LOWER = {Math.log(1e-2), Math.log(1e-2), Math.log(0.1)};
    private static final double[] UPPER = {Math.log(1e4), Math.log(1e3), Math.log(10)};
    /**
     * Standard deviation of the log-normal hyperprior on each log hyperparameter: the marginal likelihood of a handful
     * of examples barely constrains the kernel (a wider prior, 4, made text predictions under-confident).
     */
    private static final double PRIOR_SD = 2;
    private static final double SEARCH_TOLERANCE = 1e-6;
    private static final double FINAL_TOLERANCE = 1e-10;

    private final GpOptions options;
    private final Progress progress;

    ExactFitter(GpOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    ExactGpClassifier fit(FeatureSet training, Standardizer standardizer, double[] x) {
        int n = training.size();
        int d = standardizer.width();
        int classes = training.classes().size();
        int[] labels = training.labels();
        ExactKernel kernel = new ExactKernel(training.features().blocks(), 0, 0, 0).withVector(START);
        ExactKernel.Geometry geometry = kernel.geometry(x, n, x, n, d);
        if (options.hyperEvaluations() > 0) {
            ExactKernel base = kernel;
            double[][] warm = new double[classes][n];
            progress.start("gp: marginal-likelihood evaluations", options.hyperEvaluations());
            double[] found = new PatternSearch(LOWER, UPPER, options.hyperEvaluations()).maximize(theta -> {
                progress.checkCancelled();
                progress.advance(1);
                SoftmaxLaplace.Mode mode = new SoftmaxLaplace(base.withVector(theta).matrix(geometry), labels, classes,
                        SEARCH_TOLERANCE).fit(warm); // the last mode is a close start for the next evaluation
                System.arraycopy(mode.latent(), 0, warm, 0, classes);
                return mode.logEvidence() + logPrior(theta);
            }, START);
            progress.finish();
            kernel = base.withVector(found);
        }
        progress.checkCancelled();
        SoftmaxLaplace.Mode mode = new SoftmaxLaplace(kernel.matrix(geometry), labels, classes, FINAL_TOLERANCE)
                .fit(new double[classes][n]);
        return new ExactGpClassifier(training.classes(), standardizer, kernel, x, mode.residual());
    }

    private static double logPrior(double[] theta) {
        double sum = 0;
        for (int i = 0; i < theta.length; i++) {
            double z = (theta[i] - START[i]) / PRIOR_SD;
            sum -= 0.5 * z * z;
        }
        return sum;
    }
}
