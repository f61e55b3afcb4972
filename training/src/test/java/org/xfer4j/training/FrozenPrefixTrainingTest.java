package org.xfer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.training.autodiff.Optimizer;
import org.xfer4j.runtime.onnx.graph.FrozenPrefix;
import org.xfer4j.runtime.onnx.graph.LayerSpec;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.fixtures.OrtRunner;
import org.xfer4j.runtime.onnx.fixtures.PaddleClassifier;

/** The real PaddleOCR CNN with a new head: training on cached frozen features equals training through the CNN. */
@Tag("network")
class FrozenPrefixTrainingTest {

    private static final int N = 24;

    private static OnnxGraph headOnFrozenCnn() {
        return PaddleClassifier.graph().withInputShape("x", -1, 3, 32, 32).truncateAfter("p2o.GlobalAveragePool.18")
                .addOnTop(5, LayerSpec.flatten(), LayerSpec.dense(3)).freeze(l -> true).unfreeze("dense_1");
    }

    private static ExampleSet images() {
        float[] x = OrtRunner.random(11, N * 3 * 32 * 32);
        long[] y = new long[N];
        for (int i = 0; i < N; i++) {
            y[i] = i % 3;
            for (int k = 0; k < 32 * 32; k++) {
                x[i * 3 * 32 * 32 + (int) y[i] * 32 * 32 + k] += 1f; // the label brightens one channel
            }
        }
        return new ExampleSet("x", new long[] {3, 32, 32}, x, y);
    }

    @Test
    void cachedPrefixTrainsLikeTheWholeGraph(@TempDir Path dir) throws Exception {
        OnnxGraph g = headOnFrozenCnn();
        Optional<FrozenPrefix> split = FrozenPrefix.of(g);
        assertThat(split).isPresent();
        assertThat(split.get().boundary()).isEqualTo("flatten_1.out");
        assertThat(split.get().suffix().trainableParameters()).containsExactly("dense_1.weight", "dense_1.bias");
        assertThat(split.get().suffix().layers()).extracting(l -> l.opType()).containsExactly("Gemm");

        TrainerConfig c = TrainerConfig.simple(3, 8, 0.05, 1);
        TrainingSetup setup = TrainingSetup.of(Optimizer.Adam.defaults());
        GraphTrainer.Result cached = GraphTrainer.train(g, images(), setup, c, ProviderContext.defaults());
        GraphTrainer.Result whole = GraphTrainer.train(g, images(), setup.withCachePrefix(false), c,
                ProviderContext.defaults());
        assertThat(cached.cachedBoundary()).contains("flatten_1.out");
        assertThat(whole.cachedBoundary()).isEmpty();
        float[] a = cached.trained().parameter("dense_1.weight").floats();
        float[] b = whole.trained().parameter("dense_1.weight").floats();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-4f));
        }
        assertThat(a).isNotEqualTo(g.parameter("dense_1.weight").floats());
        assertThat(cached.history().epochs().getLast().trainLoss())
                .isCloseTo(whole.history().epochs().getLast().trainLoss(), within(1e-4));

        Path file = dir.resolve("trained.onnx");
        cached.trained().save(file);
        float[] logits = OrtRunner.run(java.nio.file.Files.readAllBytes(file), "x",
                java.util.Arrays.copyOf(images().values(), 3 * 32 * 32), 1, 3, 32, 32);
        assertThat(logits).hasSize(3);
    }

    @Test
    void noCacheWhereTheBottomTrains() {
        assertThat(FrozenPrefix.of(PaddleClassifier.graph())).isEmpty();
    }
}
