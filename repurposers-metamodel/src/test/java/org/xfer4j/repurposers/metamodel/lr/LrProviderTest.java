package org.xfer4j.repurposers.metamodel.lr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.repurposers.metamodel.gp.GpProvider;
import org.xfer4j.repurposers.metamodel.testdata.RealDataRun;
import org.xfer4j.repurposers.metamodel.testdata.SklearnData;
import org.xfer4j.testkit.FeatureRepurposerContract;

@Tag("debian")
class LrProviderTest extends FeatureRepurposerContract {

    private final LrProvider provider = new LrProvider();

    @Override
    protected FeatureRepurposerProvider provider() {
        return provider;
    }

    @Override
    protected Map<String, String> nonDefaultOptions() {
        return Map.of("C", "0.5", "maxIter", "300", "tol", "1e-6");
    }

    @Test
    void digitsTenClasses() {
        Evaluation e = RealDataRun.evaluate(provider, "digits", SklearnData.digits(), Map.of());
        assertThat(e.accuracy()).as("measured 0.985").isGreaterThanOrEqualTo(0.97);
        assertThat(e.nll()).as("measured 0.083").isLessThan(0.15);
    }

    @Test
    void breastCancerTwoClasses() {
        Evaluation e = RealDataRun.evaluate(provider, "breastCancer", SklearnData.breastCancer(), Map.of());
        assertThat(e.accuracy()).as("measured 0.988").isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void wineAndIris() {
        // measured 0.943 with C chosen by cross-validation, 0.981 with C=1: two of the 53 test wines
        assertThat(RealDataRun.evaluate(provider, "wine", SklearnData.wine(), Map.of()).accuracy()).as("measured 0.943")
                .isGreaterThanOrEqualTo(0.92);
        assertThat(RealDataRun.evaluate(provider, "iris", SklearnData.iris(), Map.of()).accuracy()).as("measured 0.978")
                .isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void strongerPenaltyLowersConfidence() {
        SklearnData.Split split = SklearnData.split(SklearnData.breastCancer(), 0.3, 1L);
        double loose = meanConfidence(split, "100");
        double tight = meanConfidence(split, "0.001");
        assertThat(tight).as("mean top probability, C=0.001 vs C=100").isLessThan(loose - 0.1);
    }

    private double meanConfidence(SklearnData.Split split, String c) {
        FeatureClassifier classifier = provider.fit(split.train(), provider.parseOptions(Map.of("C", c)),
                ProviderContext.defaults());
        double sum = 0;
        for (double[] p : classifier.predict(split.test().features()).probabilities()) {
            sum += Math.max(p[0], p[1]);
        }
        return sum / split.test().size();
    }

    @Test
    void invalidOptionsAreRejectedByName() {
        assertThatThrownBy(() -> provider.parseOptions(Map.of("C", "-1")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("C");
        assertThatThrownBy(() -> provider.parseOptions(Map.of("maxIter", "many")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("maxIter");
    }

    @Test
    void optionsOfAnotherProviderAreRefusedByName() {
        FeatureSet two = new FeatureSet(FeatureMatrix.of(new float[][] {{0f}, {1f}}), new int[] {0, 1},
                java.util.List.of("a", "b"));
        assertThatThrownBy(() -> provider.fit(two, new GpProvider().defaultOptions(), ProviderContext.defaults()))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("lr needs LrOptions")
                .hasMessageContaining("GpOptions");
    }

    @Test
    void predictRejectsWrongWidthAndNaN() {
        FeatureSet data = SklearnData.iris();
        FeatureClassifier c = provider.fit(data, provider.defaultOptions(), ProviderContext.defaults());
        assertThatThrownBy(() -> c.predict(FeatureMatrix.of(new float[][] {{1, 2, 3}})))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("4 features").hasMessageContaining("1x3");
        assertThatThrownBy(() -> c.predict(FeatureMatrix.of(new float[][] {{1, 2, Float.NaN, 4}})))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("column 2").hasMessageContaining("NaN");
    }

    @Test
    void largeBatchesArePredictedInChunksWithTheSameResult() {
        FeatureSet digits = SklearnData.digits();
        FeatureClassifier c = provider.fit(digits, provider.defaultOptions(), ProviderContext.defaults());
        int[] rows = new int[5000]; // more than two chunks of 2048 rows
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (i * 7) % digits.size();
        }
        double[][] batch = c.predict(digits.features().selectRows(rows)).probabilities();
        for (int i : new int[] {0, 2047, 2048, 4999}) {
            double[] alone = c.predict(digits.features().selectRows(new int[] {rows[i]})).probabilities()[0];
            assertThat(batch[i]).as("row %d", i).containsExactly(alone, within(1e-12));
        }
    }
}
