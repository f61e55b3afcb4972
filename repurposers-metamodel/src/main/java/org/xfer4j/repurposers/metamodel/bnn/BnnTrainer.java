package org.xfer4j.repurposers.metamodel.bnn;

import java.util.random.RandomGenerator;
import org.xfer4j.api.Progress;

/**
 * Variational inference for the network (Bayes by backprop): Adam on the negative evidence lower bound, one
 * minibatch and one reparameterised weight draw per step, the KL term's weight annealed from 0 to its final value (1: the
 * evidence lower bound) over the
 * warm-up steps. Minibatches walk through seeded shuffles of the training set, one shuffle per pass.
 */
final class BnnTrainer {

    /** Posterior standard deviations start at this fraction of the prior's, so early steps see nearly fixed weights. */
    private static final double INITIAL_SIGMA_FRACTION = 0.1;
    private static final int PROGRESS_EVERY = 50;

    private final BnnOptions options;
    private final long seed;
    private final Progress progress;

    BnnTrainer(BnnOptions options, long seed, Progress progress) {
        this.options = options;
        this.seed = seed;
        this.progress = progress;
    }

    /** The fitted posterior's parameters, mu then rho, for standardised rows {@code x} (row-major) and labels. */
    double[] fit(Architecture arch, double[] x, int[] labels) {
        int n = labels.length;
        int batch = Math.min(options.batchSize(), n);
        double[] prior = arch.priorSigmas(options.priorSigma());
        RandomGenerator random = Noise.generator(seed);
        double[] theta = initial(arch, prior, random);
        int count = prior.length;
        NetworkPass pass = new NetworkPass(arch, batch);
        VariationalObjective objective = new VariationalObjective(pass, prior, n);
        Adam adam = new Adam(theta.length, options.learningRate());
        double[] eps = new double[count];
        double[] gradient = new double[theta.length];
        int[] order = shuffled(n, random);
        int next = 0;
        int[] rows = new int[batch];
        int[] batchLabels = new int[batch];
        double warmupSteps = options.warmup() * options.steps();
        progress.start("bnn: variational inference", options.steps());
        for (int step = 0; step < options.steps(); step++) {
            for (int i = 0; i < batch; i++) {
                if (next == n) {
                    order = shuffled(n, random);
                    next = 0;
                }
                rows[i] = order[next++];
                batchLabels[i] = labels[rows[i]];
            }
            pass.setInput(x, rows);
            Noise.fill(random, eps);
            double klWeight = options.klWeight() * (warmupSteps <= 0 ? 1 : Math.min(1, (step + 1) / warmupSteps));
            objective.valueAndGradient(theta, eps, batchLabels, klWeight, gradient, false);
            adam.step(theta, gradient);
            if ((step + 1) % PROGRESS_EVERY == 0) {
                progress.advance(PROGRESS_EVERY);
                progress.checkCancelled();
            }
        }
        progress.finish();
        return theta;
    }

    /** Means drawn with variance 1/fan-in (biases 0), rho giving a tenth of the prior's sigma. */
    private static double[] initial(Architecture arch, double[] prior, RandomGenerator random) {
        int count = prior.length;
        double[] theta = new double[2 * count];
        for (int l = 0; l < arch.layers(); l++) {
            int o = arch.offset(l);
            double scale = 1 / Math.sqrt(arch.in(l));
            for (int i = 0; i < arch.in(l) * arch.out(l); i++) {
                theta[o + i] = scale * random.nextGaussian();
            }
        }
        for (int i = 0; i < count; i++) {
            theta[count + i] = MeanField.rho(INITIAL_SIGMA_FRACTION * prior[i]);
        }
        return theta;
    }

    private static int[] shuffled(int n, RandomGenerator random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
