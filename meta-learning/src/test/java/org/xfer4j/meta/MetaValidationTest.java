package org.xfer4j.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.meta.MetaCheckpoint;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.api.meta.MetaStep;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.Task;
import org.xfer4j.meta.eval.AdaptationCurve;
import org.xfer4j.meta.nets.Nets;
import org.xfer4j.meta.sine.SineWaves;
import org.xfer4j.runtime.onnx.graph.LayerSpec.ActivationKind;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * Meta-validation on sine waves: Reptile's checkpoints are scored on validation waves after K adaptation steps and
 * the best is kept; without improvement meta-training stops after the patience, the checkpoint handed on first; the
 * log is written and read back.
 */
class MetaValidationTest {

    private static final ProviderContext CONTEXT = ProviderContext.defaults();
    private static final AdaptationCurve CURVE = new AdaptationCurve(5, 0.02);

    private static List<Task> waves(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(SineWaves.of(10, 10).sample(random));
        }
        return tasks;
    }

    /** Keeps every checkpoint handed on. */
    private static final class Checkpoints implements MetaLogger {
        final List<MetaCheckpoint> seen = new ArrayList<>();

        @Override
        public void onStep(MetaStep step) {
        }

        @Override
        public void onCheckpoint(MetaCheckpoint checkpoint) {
            seen.add(checkpoint);
        }
    }

    @Test
    void keepsTheBestCheckpointOfAMetaTrainingRunAndWritesTheLog(@TempDir Path dir) {
        try (OnnxDifferentiableModel model = SineWaves.model(Nets.mlp(new int[] {1, 8, 1}, ActivationKind.TANH, 5),
                CONTEXT)) {
            Checkpoints after = new Checkpoints();
            MetaValidation v = new MetaValidation(model, waves(10, 3), CURVE, 10, 0, after);
            MetaLearnerProvider reptile = MetaLearners.byId("reptile");
            reptile.create(reptile.parseOptions(Map.of("metaSteps", "30", "checkpointEvery", "5", "innerSteps", "5")),
                    CONTEXT).metaTrain(model, SineWaves.of(10, 10), v);
            // every checkpoint is handed on; those at multiples of 10 steps are validated
            assertThat(after.seen).extracting(MetaCheckpoint::step).containsExactly(5, 10, 15, 20, 25, 30);
            assertThat(v.points()).extracting(MetaValidation.Point::step).containsExactly(10, 20, 30);
            MetaValidation.Point lowest = v.points().stream()
                    .min(java.util.Comparator.comparingDouble(p -> p.loss().mean())).orElseThrow();
            assertThat(v.best().point()).isEqualTo(lowest);
            MetaCheckpoint kept = after.seen.stream().filter(c -> c.step() == v.best().step()).findFirst()
                    .orElseThrow();
            assertThat(v.best().initialisation()).isSameAs(kept.initialisation());
            // the score is the query MSE of the validation waves after the curve's 5 SGD steps from that checkpoint
            double again = CURVE.measure(model, kept.initialisation(), waves(10, 3), "again",
                    org.xfer4j.api.Progress.NONE).getLast().loss().mean();
            assertThat(v.best().point().loss().mean()).isCloseTo(again, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(v.metric()).isEqualTo("query mean squared error");

            v.write(dir);
            assertThat(dir.resolve("meta-validation.jsonl")).exists();
            MetaValidation resumed = new MetaValidation(model, waves(10, 3), CURVE, 10, 0, MetaLogger.NONE)
                    .resume(dir, 20, kept.step() <= 20 ? kept : null);
            assertThat(resumed.points()).extracting(MetaValidation.Point::step).containsExactly(10, 20);
            assertThat(resumed.points().get(1).loss().mean())
                    .isCloseTo(v.points().get(1).loss().mean(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(resumed.best() == null).isEqualTo(kept.step() > 20);
        }
    }

    @Test
    void stopsAfterThePatienceWithoutImprovementHandingTheCheckpointOnFirst() {
        try (OnnxDifferentiableModel model = SineWaves.model(Nets.mlp(new int[] {1, 8, 1}, ActivationKind.TANH, 5),
                CONTEXT)) {
            Parameters start = model.initialParameters();
            Checkpoints after = new Checkpoints();
            MetaValidation v = new MetaValidation(model, waves(5, 4), CURVE, 5, 2, after);
            Parameters none = new Parameters(Map.of());
            v.onCheckpoint(new MetaCheckpoint(5, start, none));
            v.onCheckpoint(new MetaCheckpoint(7, start, none)); // not a validation step
            v.onCheckpoint(new MetaCheckpoint(10, start, none)); // the same score: no improvement
            assertThatThrownBy(() -> v.onCheckpoint(new MetaCheckpoint(15, start, none)))
                    .isInstanceOf(MetaValidation.Stopped.class).hasMessageContaining("since step 5")
                    .satisfies(e -> assertThat(((MetaValidation.Stopped) e).step()).isEqualTo(15));
            assertThat(after.seen).extracting(MetaCheckpoint::step).containsExactly(5, 7, 10, 15);
            assertThat(v.points()).extracting(MetaValidation.Point::step).containsExactly(5, 10, 15);
            assertThat(v.best().step()).isEqualTo(5);
        }
        assertThatThrownBy(() -> new MetaValidation(null, List.of(), CURVE, 5, 0, MetaLogger.NONE))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("at least one task");
    }
}
