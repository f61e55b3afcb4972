package org.xfer4j.repurposers.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.repurpose.GraphRepurposerProvider;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.artifact.Artifact;
import org.xfer4j.core.artifact.ArtifactReader;
import org.xfer4j.core.artifact.ArtifactWriter;
import org.xfer4j.core.artifact.HostInfo;
import org.xfer4j.core.artifact.Manifest;
import org.xfer4j.core.artifact.Provenance;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.runtime.onnx.model.OnnxSourceModel;
import org.xfer4j.testkit.GoldenPredictions;
import org.xfer4j.testkit.Prerequisites;

/**
 * Artifacts of finetune and random-freeze, trained on 100 real Fashion-MNIST images (pixels as a 784-wide input)
 * through {@link TinySource}'s MLP, saved in artifact format 1 and committed under src/test/resources/golden with
 * the probabilities they gave then on 20 test images. Every later Xfer4j must load them and predict the same.
 * Never regenerate them; a new payload layout gets new golden files beside these. They were written by
 * {@link #writeGoldenFiles} ({@code -Dxfer4j.golden.write=src/test/resources/golden}).
 */
@Tag("debian")
class GoldenArtifactsTest {

    /** One golden artifact: the file stem, the method and its options. */
    record Case(String name, GraphRepurposerProvider provider, Map<String, String> options) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** ONNX Runtime computes in float32; kernels may sum in another order on another CPU. */
    private static final double TOLERANCE = 1e-5;
    private static final int PIXELS = 28 * 28;
    private static final ProviderContext CONTEXT = ProviderContext.defaults().withSeed(5);

    static Stream<Case> cases() {
        return Stream.of(
                new Case("finetune-format1", new FinetuneProvider(), Map.of("transferLayer", "relu2", "epochs", "3",
                        "batchSize", "16", "headLr", "0.05", "transferLr", "0.01")),
                new Case("random-freeze-format1", new RandomFreezeProvider(), Map.of("dropTop", "1", "freeze", "fc1",
                        "reinit", "fc2", "epochs", "3", "batchSize", "16", "lr", "0.05")));
    }

    @BeforeAll
    static void fashionMnistInstalled() {
        Prerequisites.require(Files.isDirectory(FashionMnist.DEBIAN_DIR),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
    }

    /** {@code count} images of {@code images} from {@code from}, as 784 floats in [0, 1] for TinySource's input x. */
    private static Dataset pixels(Dataset images, int from, int count) {
        List<Sample> samples = new ArrayList<>();
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            byte[] grey = ((Sample.Image) images.sample(from + i)).pixels();
            float[] x = new float[PIXELS];
            for (int p = 0; p < PIXELS; p++) {
                x[p] = (grey[p] & 0xff) / 255f;
            }
            samples.add(new Sample.Tensors(Map.of("x", Tensor.ofFloats(x, PIXELS))));
            labels[i] = images.label(from + i);
        }
        return new InMemoryDataset(images.name(), images.classes(), samples, labels);
    }

    private static Dataset probe() {
        return pixels(FashionMnist.test(CONTEXT.cacheDir()), 0, 20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadsAndPredictsAsWhenSaved(Case c) {
        Artifact a = ArtifactReader.read(resource(c.name() + ".xfer"));
        assertThat(a.manifest().formatVersion()).isEqualTo(1);
        assertThat(a.manifest().kind()).isEqualTo(Manifest.Kind.GRAPH);
        assertThat(a.manifest().providerId()).isEqualTo(c.provider().id());
        try (RepurposedModel m = c.provider().load(a.payload(), c.provider().parseOptions(a.options()), CONTEXT)) {
            assertThat(m.classes()).isEqualTo(FashionMnist.CLASSES);
            GoldenPredictions.assertSame(resource(c.name() + ".expected.csv"),
                    m.predict(probe(), Progress.NONE).probabilities(), TOLERANCE);
        }
    }

    /**
     * One loaded model, eight threads predicting 200 test images at once from a cold start (the first prediction
     * opens the shared session): every thread gets exactly what one thread gets from its own loaded copy.
     */
    @Test
    void eightThreadsPredictingWithOneLoadedModelGetWhatOneThreadGets() throws Exception {
        Case c = cases().findFirst().orElseThrow();
        Artifact a = ArtifactReader.read(resource(c.name() + ".xfer"));
        Dataset images = pixels(FashionMnist.test(CONTEXT.cacheDir()), 100, 200);
        double[][] alone;
        try (RepurposedModel m = c.provider().load(a.payload(), c.provider().parseOptions(a.options()), CONTEXT)) {
            alone = m.predict(images, Progress.NONE).probabilities();
        }
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        try (RepurposedModel shared = c.provider().load(a.payload(), c.provider().parseOptions(a.options()), CONTEXT);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<double[][]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return shared.predict(images, Progress.NONE).probabilities();
                }));
            }
            for (Future<double[][]> r : results) {
                assertThat(r.get()).isDeepEqualTo(alone);
            }
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "xfer4j.golden.write", matches = ".+")
    void writeGoldenFiles() {
        Path dir = Path.of(System.getProperty("xfer4j.golden.write"));
        Dataset training = pixels(FashionMnist.train(CONTEXT.cacheDir()), 0, 100);
        try (OnnxSourceModel source = TinySource.create(PIXELS)) {
            for (Case c : cases().toList()) {
                try (RepurposedModel m = c.provider().repurpose(source, training,
                        c.provider().parseOptions(c.options()), CONTEXT)) {
                    Provenance provenance = new Provenance("tiny", "tiny MLP", "-", List.of("x"), training.name(),
                            training.size(), "-", CONTEXT.seed(), HostInfo.jvm(), HostInfo.os(),
                            HostInfo.xfer4jVersion());
                    ArtifactWriter.write(dir.resolve(c.name() + ".xfer"), Manifest.create(Manifest.Kind.GRAPH,
                            c.provider()), m.options().toProperties(), provenance, m::save, null);
                    GoldenPredictions.write(dir.resolve(c.name() + ".expected.csv"),
                            m.predict(probe(), Progress.NONE).probabilities());
                }
            }
        }
    }

    private static Path resource(String name) {
        return GoldenPredictions.file(GoldenArtifactsTest.class.getResource("/golden/" + name), name);
    }
}
