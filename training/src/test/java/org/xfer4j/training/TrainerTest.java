package org.xfer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.training.autodiff.Optimizer;
import org.xfer4j.training.autodiff.TrainingStep;

class TrainerTest {

    private static final Toy.Data DATA = Toy.blobs(120, 2);
    private static final ExampleSet EXAMPLES = new ExampleSet("x", new long[] {4}, DATA.x(), DATA.y());

    private static TrainingSession session(Optimizer o) {
        return new TrainingSession(TrainingStep.of(Toy.mlp(9)).optimizer(o).build(), ProviderContext.defaults());
    }

    private static TrainerConfig config(int epochs, double lr, int patience, LearningRateSchedule schedule) {
        return new TrainerConfig(epochs, 16, 7, 0.25, patience, true, schedule, Map.of("default", lr), Progress.NONE);
    }

    @Test
    void learnsWithValidationAndIsReproducible() {
        TrainingHistory first;
        try (TrainingSession s = session(Optimizer.Adam.defaults())) {
            first = Trainer.fit(s, EXAMPLES, config(15, 0.02, 0, new LearningRateSchedule.Cosine(0.1)));
        }
        assertThat(first.epochs()).hasSize(15);
        TrainingHistory.Epoch last = first.epochs().getLast();
        // measured: validation accuracy 1.0 on these well-separated blobs
        assertThat(last.validationAccuracy()).isGreaterThan(0.9);
        assertThat(last.trainLoss()).isLessThan(first.epochs().getFirst().trainLoss());
        assertThat(last.learningRateFactor()).isCloseTo(0.1, within(1e-9));
        try (TrainingSession s = session(Optimizer.Adam.defaults())) {
            TrainingHistory again = Trainer.fit(s, EXAMPLES, config(15, 0.02, 0, new LearningRateSchedule.Cosine(0.1)));
            assertThat(again.epochs().getLast().trainLoss()).isEqualTo(last.trainLoss());
        }
    }

    @Test
    void stopsEarlyWithoutImprovement() {
        try (TrainingSession s = session(new Optimizer.Sgd(0, 0))) {
            TrainingHistory h = Trainer.fit(s, EXAMPLES, config(50, 0, 3, new LearningRateSchedule.Constant()));
            assertThat(h.stoppedEarly()).isTrue();
            assertThat(h.epochs()).hasSize(4);
            assertThat(h.bestEpoch()).isZero();
        }
    }

    @Test
    void restoresTheBestEpoch() {
        TrainerConfig c = config(12, 3.0, 0, new LearningRateSchedule.Constant());
        try (TrainingSession s = session(new Optimizer.Sgd(0.9, 0))) {
            TrainingHistory h = Trainer.fit(s, EXAMPLES, c);
            double best = h.epochs().get(h.bestEpoch()).validationLoss();
            assertThat(h.epochs()).anyMatch(e -> e.validationLoss() > best);
            int[] val = Trainer.split(EXAMPLES.size(), c)[0];
            assertThat(Trainer.evaluate(s, EXAMPLES, val, 16).loss()).isCloseTo(best, within(1e-5));
        }
    }

    @Test
    void schedules() {
        assertThat(new LearningRateSchedule.Step(2, 0.5).factor(5, 10)).isEqualTo(0.25);
        assertThat(new LearningRateSchedule.Cosine(0).factor(0, 11)).isEqualTo(1);
        assertThat(new LearningRateSchedule.Cosine(0).factor(5, 11)).isCloseTo(0.5, within(1e-12));
        assertThat(LearningRateSchedule.parse("step:3:0.1")).isEqualTo(new LearningRateSchedule.Step(3, 0.1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LearningRateSchedule.parse("warp"))
                .hasMessageContaining("unknown learning-rate schedule 'warp'");
    }
}
