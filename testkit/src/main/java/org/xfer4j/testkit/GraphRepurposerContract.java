package org.xfer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.Options;
import org.xfer4j.api.Progress;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.GraphRepurposerProvider;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposedModel;

/**
 * The contract every {@link GraphRepurposerProvider} must pass: a provider's test extends this class, implements
 * {@link #provider()} and {@link #source()} (a model whose one input takes {@link SyntheticBlobs#featureCount()}
 * floats per example), and inherits the tests, which train on seeded blobs given as tensor samples.
 */
public abstract class GraphRepurposerContract extends RepurposerOptionsContract {

    private static final int CLASSES = 3;
    private static final long CENTRE_SEED = 20261123L;
    /** Probabilities of a reloaded model may differ from the original's only by float rounding. */
    private static final double RELOAD_TOLERANCE = 1e-6;

    private final List<RepurposedModel> opened = new ArrayList<>();

    /** The provider under test. */
    @Override
    protected abstract GraphRepurposerProvider provider();

    /** The source model; its single input takes [N, featureCount] floats. */
    protected abstract SourceModel source();

    /** The blobs of {@link SyntheticBlobs} as a dataset of tensor samples for the source's input. */
    protected Dataset blobs(int perClass, long noiseSeed) {
        FeatureSet f = SyntheticBlobs.generate(CLASSES, perClass, CENTRE_SEED, noiseSeed);
        String input = source().inputs().getFirst().name();
        int width = f.features().columns();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            samples.add(new Sample.Tensors(Map.of(input, Tensor.ofFloats(f.features().row(i), width))));
        }
        return new InMemoryDataset("blobs", f.classes(), samples, f.labels());
    }

    private RepurposedModel train() {
        RepurposedModel m = provider().repurpose(source(), blobs(20, 1L), options(), context());
        opened.add(m);
        return m;
    }

    @AfterEach
    void closeModels() {
        opened.forEach(RepurposedModel::close);
        opened.clear();
    }

    @Test
    public void trainedModelPredictsProbabilitiesBetterThanChance() {
        RepurposedModel m = train();
        Dataset test = blobs(30, 2L);
        assertThat(m.providerId()).isEqualTo(provider().id());
        assertThat(m.classes()).isEqualTo(test.classes());
        Predictions p = m.predict(test, Progress.NONE);
        ProviderChecks.probabilities(p, test.size(), CLASSES);
        assertThat(ProviderChecks.accuracy(p, test.labels())).as("test accuracy (chance is 1/3)")
                .isGreaterThanOrEqualTo(minimumAccuracy());
    }

    @Test
    public void savedModelLoadsBackWithTheSameProbabilities() {
        RepurposedModel m = train();
        RepurposedModel loaded = reload(m);
        assertThat(loaded.classes()).isEqualTo(m.classes());
        Dataset test = blobs(10, 3L);
        double[][] expected = m.predict(test, Progress.NONE).probabilities();
        double[][] actual = loaded.predict(test, Progress.NONE).probabilities();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("row %d after reload", i).containsExactly(expected[i], within(RELOAD_TOLERANCE));
        }
    }

    @Test
    public void trainingIsDeterministicForAFixedSeed() {
        Dataset test = blobs(10, 4L);
        double[][] first = train().predict(test, Progress.NONE).probabilities();
        double[][] second = train().predict(test, Progress.NONE).probabilities();
        assertThat(second).isDeepEqualTo(first);
    }

    @Test
    public void exportsOneOnnxGraphOrSaysWhyNot(@TempDir Path dir) throws Exception {
        RepurposedModel m = train();
        Path file = dir.resolve("model.onnx");
        try {
            m.exportOnnx(file);
        } catch (XferException e) {
            assertThat(e).hasMessageContaining(provider().id());
            return;
        }
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    public void loadedModelPredictsFromManyThreadsAtOnceAsFromOne() {
        RepurposedModel m = train();
        Dataset test = blobs(10, 5L);
        double[][] expected = reload(m).predict(test, Progress.NONE).probabilities();
        // a freshly loaded model: sessions and other state made on first use are made by all threads together
        RepurposedModel cold = reload(m);
        for (double[][] actual : ProviderChecks.concurrently(() -> cold.predict(test, Progress.NONE).probabilities())) {
            assertThat(actual).isDeepEqualTo(expected);
        }
    }

    /** {@code m} saved and loaded back with its options reparsed, as the host does; closed after the test. */
    private RepurposedModel reload(RepurposedModel m) {
        InMemoryPayload payload = new InMemoryPayload();
        m.save(payload);
        Options reparsed = provider().parseOptions(m.options().toProperties());
        RepurposedModel loaded = provider().load(payload, reparsed, context());
        opened.add(loaded);
        return loaded;
    }
}
