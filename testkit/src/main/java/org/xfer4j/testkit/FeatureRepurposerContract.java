package org.xfer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.SpiVersion;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.Predictions;

/**
 * The contract every {@link FeatureRepurposerProvider} must pass: a provider's test extends this class, implements
 * {@link #provider()} and inherits the tests; the hooks below adapt it to slow or option-rich providers.
 */
public abstract class FeatureRepurposerContract {

    private static final int CLASSES = 3;
    private static final long CENTRE_SEED = 20261123L;
    /** Probabilities of a reloaded classifier may differ from the original's only by rounding. */
    private static final double RELOAD_TOLERANCE = 1e-9;

    /** The provider under test. */
    protected abstract FeatureRepurposerProvider provider();

    /** The options the fitting tests use; defaults to the provider's defaults (override to keep slow methods fast). */
    protected Options options() {
        return provider().defaultOptions();
    }

    /** Properties that differ from the defaults, to check they parse and round-trip; empty skips that test. */
    protected Map<String, String> nonDefaultOptions() {
        return Map.of();
    }

    /** The context fitting runs with; its seed must make fitting deterministic. */
    protected ProviderContext context() {
        return ProviderContext.defaults().withSeed(7L);
    }

    /**
     * The test accuracy a fitted classifier must reach on the well-separated blobs (chance is 1/3). Any working
     * classifier separates them almost perfectly, so 0.9 leaves room for regularised or approximate methods.
     */
    protected double minimumAccuracy() {
        return 0.9;
    }

    /** Training examples per class. */
    protected int trainingPerClass() {
        return 20;
    }

    /** The training set: seeded blobs over several layer blocks. */
    protected FeatureSet trainingSet() {
        return SyntheticBlobs.generate(CLASSES, trainingPerClass(), CENTRE_SEED, 1L);
    }

    /** The test set: the same blobs, fresh noise. */
    protected FeatureSet testSet() {
        return SyntheticBlobs.generate(CLASSES, 30, CENTRE_SEED, 2L);
    }

    @Test
    public void idIsLowerCaseAndSpiRunsOnThisHost() {
        FeatureRepurposerProvider p = provider();
        assertThat(p.id()).as("provider id").matches("[a-z0-9][a-z0-9._-]*");
        assertThat(p.description()).as("description of " + p.id()).isNotBlank();
        assertThat(p.version()).as("version of " + p.id()).isNotBlank();
        assertThat(p.spiVersion().runsOn(SpiVersion.CURRENT))
                .as("%s built against SPI %s runs on %s", p.id(), p.spiVersion(), SpiVersion.CURRENT).isTrue();
    }

    @Test
    public void defaultOptionsRoundTripThroughProperties() {
        Options defaults = provider().defaultOptions();
        Map<String, String> properties = defaults.toProperties();
        assertThat(provider().parseOptions(properties)).isEqualTo(defaults);
        assertThat(provider().parseOptions(properties).toProperties()).isEqualTo(properties);
        assertThat(provider().parseOptions(Map.of())).as("no properties means defaults").isEqualTo(defaults);
    }

    @Test
    public void nonDefaultOptionsRoundTripThroughProperties() {
        Map<String, String> changed = nonDefaultOptions();
        assumeFalse(changed.isEmpty(), "no non-default options given");
        Options parsed = provider().parseOptions(changed);
        assertThat(parsed).isNotEqualTo(provider().defaultOptions());
        assertThat(provider().parseOptions(parsed.toProperties())).isEqualTo(parsed);
        for (var e : changed.entrySet()) {
            assertThat(provider().parseOptions(Map.of(e.getKey(), e.getValue())))
                    .as("option %s=%s changes the options", e.getKey(), e.getValue())
                    .isNotEqualTo(provider().defaultOptions());
        }
    }

    @Test
    public void unknownOptionIsRejectedByName() {
        assertThatThrownBy(() -> provider().parseOptions(Map.of("noSuchOption", "1")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("noSuchOption");
    }

    @Test
    public void fittedClassifierPredictsProbabilitiesBetterThanChance() {
        FeatureSet training = trainingSet();
        FeatureSet test = testSet();
        FeatureClassifier classifier = provider().fit(training, options(), context());

        assertThat(classifier.classes()).isEqualTo(training.classes());
        assertThat(classifier.featureCount()).isEqualTo(training.features().columns());
        Predictions p = classifier.predict(test.features());
        assertThat(p.classes()).isEqualTo(training.classes());
        assertThat(p.probabilities()).hasNumberOfRows(test.size());
        for (double[] row : p.probabilities()) {
            assertThat(row).hasSize(CLASSES);
            assertThat(sum(row)).isCloseTo(1.0, within(1e-6));
        }
        assertThat(accuracy(p, test.labels())).as("test accuracy (chance is 1/3)")
                .isGreaterThanOrEqualTo(minimumAccuracy());
    }

    @Test
    public void predictionsOfARowDoNotDependOnTheOtherRows() {
        FeatureClassifier classifier = provider().fit(trainingSet(), options(), context());
        FeatureMatrix test = testSet().features();
        double[][] all = classifier.predict(test).probabilities();
        int[] some = {5, 0, 17};
        double[][] subset = classifier.predict(test.selectRows(some)).probabilities();
        for (int i = 0; i < some.length; i++) {
            assertThat(subset[i]).as("row %d predicted alone", some[i])
                    .containsExactly(all[some[i]], within(RELOAD_TOLERANCE));
        }
    }

    @Test
    public void fittingLeavesTheTrainingFeaturesUnchanged() {
        FeatureSet training = trainingSet();
        float[] before = training.features().values().clone();
        provider().fit(training, options(), context());
        assertThat(training.features().values()).isEqualTo(before);
    }

    @Test
    public void savedClassifierLoadsBackWithIdenticalProbabilities() {
        FeatureClassifier classifier = provider().fit(trainingSet(), options(), context());
        InMemoryPayload payload = new InMemoryPayload();
        classifier.save(payload);
        Options reparsed = provider().parseOptions(options().toProperties());
        FeatureClassifier loaded = provider().load(payload, reparsed);

        assertThat(loaded.classes()).isEqualTo(classifier.classes());
        assertThat(loaded.featureCount()).isEqualTo(classifier.featureCount());
        FeatureMatrix test = testSet().features();
        double[][] expected = classifier.predict(test).probabilities();
        double[][] actual = loaded.predict(test).probabilities();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("row %d after reload", i).containsExactly(expected[i], within(RELOAD_TOLERANCE));
        }
    }

    @Test
    public void fittingIsDeterministicForAFixedSeed() {
        FeatureMatrix test = testSet().features();
        double[][] first = provider().fit(trainingSet(), options(), context()).predict(test).probabilities();
        double[][] second = provider().fit(trainingSet(), options(), context()).predict(test).probabilities();
        assertThat(second).isDeepEqualTo(first);
    }

    private static double sum(double[] row) {
        double s = 0;
        for (double v : row) {
            s += v;
        }
        return s;
    }

    private static double accuracy(Predictions p, int[] labels) {
        int[] predicted = p.labels();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
