package org.xfer4j.meta.learners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.TargetDataset;
import org.xfer4j.api.meta.Task;
import org.xfer4j.meta.MetaLearners;
import org.xfer4j.meta.sine.SineWaves;
import org.xfer4j.training.OnnxDifferentiableModel;

/** Inner mini-batches ({@code innerBatch}): each step trains on the next examples of the support set in turn. */
class InnerBatchTest {

    @Test
    void stepsTakeTheSupportSetInTurnWrappingAround() {
        Dataset support = SineWaves.of(5, 0).sample(new SplittableRandom(1)).support();
        InnerLoop loop = new InnerLoop(3, 0.02, OptimizerKind.SGD, null, 2);
        assertThat(loop.batched(support)).isTrue();
        TargetDataset third = (TargetDataset) loop.batchOf(support, 2);
        assertThat(third.target(0)).as("step 2 takes examples 4 and 0").isEqualTo(((TargetDataset) support).target(4));
        assertThat(third.target(1)).isEqualTo(((TargetDataset) support).target(0));
        assertThat(new InnerLoop(3, 0.02, OptimizerKind.SGD, null, 5).batched(support)).as("a batch of all 5")
                .isFalse();
    }

    @Test
    void theStepwiseLoopDescendsEachStepsMiniBatch() {
        try (OnnxDifferentiableModel model = SineWaves.model(SineWaves.net(3), ProviderContext.defaults())) {
            Task task = SineWaves.of(6, 4).sample(new SplittableRandom(7));
            InnerLoop loop = new InnerLoop(2, 0.05, OptimizerKind.SGD, null, 3);
            Flat theta = Flat.of(model.initialParameters());
            Flat adapted = new StepwiseRunner(model, null).adapt(theta, task.support(), task.query(), loop, Set.of())
                    .adapted();
            // by hand: one SGD step on examples 0-2, then one on examples 3-5
            Flat expected = theta.copy();
            for (int step = 0; step < 2; step++) {
                Dataset batch = task.support().subset(new int[] {3 * step, 3 * step + 1, 3 * step + 2});
                expected.addScaled(-0.05, theta.like(model.lossAndGradient(expected.toParameters(), batch)
                        .gradient()));
            }
            Flat fullBatch = new StepwiseRunner(model, null).adapt(theta, task.support(), task.query(),
                    new InnerLoop(2, 0.05, OptimizerKind.SGD), Set.of()).adapted();
            assertThat(adapted.minus(expected).squaredNorm()).isLessThan(1e-10);
            assertThat(adapted.minus(fullBatch).squaredNorm()).as("differs from full-batch steps")
                    .isGreaterThan(1e-6);
        }
    }

    @Test
    void aNegativeBatchIsRefusedByName() {
        assertThatThrownBy(() -> MetaLearners.byId("reptile").parseOptions(Map.of("innerBatch", "-1")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("innerBatch=-1");
    }
}
