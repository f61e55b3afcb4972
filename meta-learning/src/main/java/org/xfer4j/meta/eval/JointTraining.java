package org.xfer4j.meta.eval;

import java.util.SplittableRandom;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.LossAndGradient;
import org.xfer4j.api.meta.Parameters;

/**
 * The plain pre-training baseline: one classifier trained by mini-batch SGD on every example of the meta-train classes
 * together, whose shared layers then start each test task (its output layer, sized for those classes, does not).
 *
 * @param steps        mini-batch steps
 * @param batchSize    examples per step
 * @param learningRate SGD step size
 */
public record JointTraining(int steps, int batchSize, double learningRate) {

    public JointTraining {
        InvalidOptionException.require(steps >= 1, "joint training needs at least 1 step, got " + steps);
        InvalidOptionException.require(batchSize >= 1, "joint training batch size must be positive, got " + batchSize);
        InvalidOptionException.require(learningRate > 0 && Double.isFinite(learningRate),
                "joint training learning rate must be positive, got " + learningRate);
    }

    /** Trains {@code model} (with one output per class of {@code pool}) from its initial parameters. */
    public Parameters train(DifferentiableModel model, Dataset pool, long seed, Progress progress) {
        SplittableRandom random = new SplittableRandom(seed);
        Parameters theta = model.initialParameters();
        int[] order = new int[pool.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int at = order.length;
        progress.start("joint training on " + pool.size() + " examples", steps);
        try {
            for (int s = 0; s < steps; s++) {
                progress.checkCancelled();
                int[] batch = new int[Math.min(batchSize, order.length)];
                for (int b = 0; b < batch.length; b++) {
                    if (at == order.length) { // a new epoch: reshuffle
                        for (int i = order.length - 1; i > 0; i--) {
                            int j = random.nextInt(i + 1);
                            int t = order[i];
                            order[i] = order[j];
                            order[j] = t;
                        }
                        at = 0;
                    }
                    batch[b] = order[at++];
                }
                LossAndGradient lg = model.lossAndGradient(theta, pool.subset(batch));
                if (!Double.isFinite(lg.loss())) {
                    throw new XferException("joint training loss is " + lg.loss() + " at step " + (s + 1)
                            + "; lower its learning rate (" + learningRate + ")");
                }
                theta = ParameterMath.step(theta, lg.gradient(), -learningRate);
                progress.advance(1);
            }
        } finally {
            progress.finish();
        }
        return theta;
    }

    /** {@code taskInitialisation} with the layers it shares (same name and shape) with {@code trained}. */
    public static Parameters transfer(Parameters trained, Parameters taskInitialisation) {
        return ParameterMath.transfer(trained, taskInitialisation);
    }
}
