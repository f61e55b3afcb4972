package org.xfer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.xfer4j.api.XferException;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.Predictions;

/**
 * The contract every {@link FeatureRepurposerProvider} must pass: a provider's test extends this class, implements
 * {@link #provider()} and inherits the tests; the hooks below adapt it to slow or option-rich providers.
 */
public abstract class FeatureRepurposerContract extends RepurposerOptionsContract {

    private static final int CLASSES = 3;
    private static final long CENTRE_SEED = 20261123L;
    /** Probabilities of a reloaded classifier may differ from the original's only by rounding. */
    private static final double RELOAD_TOLERANCE = 1e-9;

    /** The provider under test. */
    @Override
    protected abstract FeatureRepurposerProvider provider();

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
    public void fittedClassifierPredictsProbabilitiesBetterThanChance() {
        FeatureSet training = trainingSet();
        FeatureSet test = testSet();
        FeatureClassifier classifier = provider().fit(training, options(), context());

        assertThat(classifier.classes()).isEqualTo(training.classes());
        assertThat(classifier.featureCount()).isEqualTo(training.features().columns());
        Predictions p = classifier.predict(test.features());
        assertThat(p.classes()).isEqualTo(training.classes());
        ProviderChecks.probabilities(p, test.size(), CLASSES);
        assertThat(ProviderChecks.accuracy(p, test.labels())).as("test accuracy (chance is 1/3)")
                .isGreaterThanOrEqualTo(minimumAccuracy());
    }

    /**
     * The optional ONNX hook (SPI 1.2): a classifier either says it cannot write itself as ONNX operators (an
     * XferException) or writes operators that read only values made before them and declares its probabilities once.
     */
    @Test
    public void writesItsPredictionAsOnnxOperatorsOrSaysItCannot() {
        FeatureClassifier classifier = provider().fit(trainingSet(), options(), context());
        RecordingHead head = new RecordingHead();
        try {
            classifier.exportOnnx(head);
        } catch (XferException e) {
            assertThat(e.getMessage()).as("the reason export is refused").isNotBlank();
            return;
        }
        assertThat(head.declarations()).as("probabilities declared once").isEqualTo(1);
        assertThat(head.operators()).as("operators written").isNotEmpty();
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
        FeatureClassifier loaded = reload(classifier);

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

    @Test
    public void loadedClassifierPredictsFromManyThreadsAtOnceAsFromOne() {
        FeatureClassifier classifier = provider().fit(trainingSet(), options(), context());
        FeatureMatrix test = testSet().features();
        double[][] expected = reload(classifier).predict(test).probabilities();
        // a freshly loaded classifier: any state it builds on first use is built by all threads together
        FeatureClassifier cold = reload(classifier);
        for (double[][] actual : ProviderChecks.concurrently(() -> cold.predict(test).probabilities())) {
            assertThat(actual).isDeepEqualTo(expected);
        }
    }

    /** {@code classifier} saved and loaded back with its options reparsed, as the host does. */
    private FeatureClassifier reload(FeatureClassifier classifier) {
        InMemoryPayload payload = new InMemoryPayload();
        classifier.save(payload);
        return provider().load(payload, provider().parseOptions(options().toProperties()));
    }
}
