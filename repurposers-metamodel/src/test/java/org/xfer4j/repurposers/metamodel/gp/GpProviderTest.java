package org.xfer4j.repurposers.metamodel.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.repurposers.metamodel.testdata.CancelledProgress;
import org.xfer4j.repurposers.metamodel.testdata.RealDataRun;
import org.xfer4j.repurposers.metamodel.testdata.SklearnData;
import org.xfer4j.testkit.FeatureRepurposerContract;

@Tag("debian")
class GpProviderTest extends FeatureRepurposerContract {

    private final GpProvider provider = new GpProvider();

    @Override
    protected FeatureRepurposerProvider provider() {
        return provider;
    }

    @Override
    protected Map<String, String> nonDefaultOptions() {
        return Map.of("inducingPoints", "64", "hyperSamples", "300", "hyperEvaluations", "0", "exactLimit", "50");
    }

    @Test
    void digits() {
        Evaluation e = RealDataRun.evaluate(provider, "digits", SklearnData.digits(), Map.of());
        assertThat(e.accuracy()).as("measured 0.987").isGreaterThanOrEqualTo(0.975);
        assertThat(e.ece()).as("measured 0.089").isLessThan(0.12);
    }

    @Test
    void breastCancerCalibratedAndImprovedByTheHyperparameterSearch() {
        FeatureSet data = SklearnData.breastCancer();
        Evaluation e = RealDataRun.evaluate(provider, "breastCancer", data, Map.of());
        Evaluation fixed = RealDataRun.evaluate(provider, "breastCancer", data, Map.of("hyperEvaluations", "0"));
        assertThat(e.accuracy()).as("measured 0.994").isGreaterThanOrEqualTo(0.97);
        assertThat(e.ece()).as("measured 0.055").isLessThan(0.08);
        assertThat(e.nll()).as("NLL with the search (measured 0.080) against initial hyperparameters (0.113)")
                .isLessThan(fixed.nll() - 0.01);
    }

    @Test
    void aNoiseLayerGetsLessVarianceThanAnInformativeOne() {
        FeatureSet data = SklearnData.breastCancer();
        int n = data.size();
        int d = data.features().columns();
        Random random = new Random(3);
        float[][] noise = new float[n][d];
        for (float[] row : noise) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        FeatureMatrix both = data.features().concatColumns(FeatureMatrix.of(noise));
        GpClassifier c = (GpClassifier) provider.fit(new FeatureSet(both, data.labels(), data.classes()),
                provider.defaultOptions(), ProviderContext.defaults());
        double[] logVariances = c.kernel().logVariances();
        assertThat(logVariances[1]).as("log variance of the noise block vs the real block")
                .isLessThan(logVariances[0] - 1);
    }

    @Test
    void wineAndIris() {
        Evaluation wine = RealDataRun.evaluate(provider, "wine", SklearnData.wine(), Map.of());
        assertThat(wine.accuracy()).as("measured 0.981").isGreaterThanOrEqualTo(0.95);
        Evaluation iris = RealDataRun.evaluate(provider, "iris", SklearnData.iris(), Map.of());
        assertThat(iris.accuracy()).as("measured 0.978").isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void invalidOptionsAreRejectedByName() {
        assertThatThrownBy(() -> provider.parseOptions(Map.of("inducingPoints", "0")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("inducingPoints");
        assertThatThrownBy(() -> provider.parseOptions(Map.of("hyperEvaluations", "-3")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("hyperEvaluations");
        assertThatThrownBy(() -> provider.parseOptions(Map.of("exactLimit", "-1")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("exactLimit");
    }

    @Test
    void predictRejectsWrongWidthAndNaN() {
        FeatureClassifier c = provider.fit(SklearnData.iris(), provider.parseOptions(Map.of("hyperEvaluations", "0")),
                ProviderContext.defaults());
        assertThatThrownBy(() -> c.predict(FeatureMatrix.of(new float[][] {{1, 2}})))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("4 features").hasMessageContaining("1x2");
        assertThatThrownBy(() -> c.predict(FeatureMatrix.of(new float[][] {{1, 2, 3, Float.NaN}})))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("column 3");
    }

    @Test
    void cancelledProgressStopsTheFit() {
        assertThatThrownBy(() -> provider.fit(SklearnData.iris(), provider.defaultOptions(),
                ProviderContext.defaults().withProgress(new CancelledProgress())))
                .isInstanceOf(Progress.CancelledException.class);
    }
}
