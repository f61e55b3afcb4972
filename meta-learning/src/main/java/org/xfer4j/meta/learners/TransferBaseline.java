package org.xfer4j.meta.learners;

import java.util.SplittableRandom;
import org.xfer4j.api.XferException;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.LossAndGradient;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.Task;
import org.xfer4j.api.meta.TaskDistribution;

/**
 * The "transfer" baseline: plain training on the union of the tasks (one Adam step per drawn task on its support
 * set), no inner loop. On sine waves it learns to predict about 0; on episodes it is pre-training on all classes.
 */
public final class TransferBaseline {

    private TransferBaseline() {
    }

    /** {@code steps} Adam steps at {@code lr} from {@code model}'s initial parameters over tasks drawn from {@code tasks}. */
    public static Parameters train(DifferentiableModel model, TaskDistribution tasks, int steps, double lr, long seed) {
        Flat theta = Flat.of(model.initialParameters());
        FlatOptimizer adam = new FlatOptimizer(OptimizerKind.ADAM);
        SplittableRandom random = new SplittableRandom(seed);
        for (int step = 1; step <= steps; step++) {
            Task t = tasks.sample(random);
            LossAndGradient lg = model.lossAndGradient(theta.toParameters(), t.support());
            if (!Double.isFinite(lg.loss())) {
                throw new XferException("joint training step " + step + ": the loss is " + lg.loss()
                        + "; lower the learning rate (now " + lr + ")");
            }
            adam.apply(theta, theta.like(lg.gradient()), lr, step);
        }
        return theta.toParameters();
    }
}
