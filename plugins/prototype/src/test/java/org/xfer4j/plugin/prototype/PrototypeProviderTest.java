package org.xfer4j.plugin.prototype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.testkit.FeatureRepurposerContract;

/** The testkit contract, plus the method's own arithmetic on cases small enough to compute by hand. */
class PrototypeProviderTest extends FeatureRepurposerContract {

    private static final double EPS = 1e-12;

    @Override
    protected FeatureRepurposerProvider provider() {
        return new PrototypeProvider();
    }

    @Override
    protected Map<String, String> nonDefaultOptions() {
        return Map.of("temperature", "0.5", "standardize", "true");
    }

    /** Class a at 0 (examples -1 and 1), class b at 2 (examples 1 and 3), one feature. */
    private static FeatureSet line() {
        return new FeatureSet(FeatureMatrix.of(new float[][] {{-1}, {1}, {1}, {3}}), new int[] {0, 0, 1, 1},
                List.of("a", "b"));
    }

    private static FeatureClassifier fit(FeatureSet s, double temperature, boolean standardize) {
        return new PrototypeProvider().fit(s, new PrototypeOptions(temperature, standardize), ProviderContext.defaults());
    }

    @Test
    void probabilitiesAreASoftmaxOfNegativeSquaredDistancesOverTheTemperature() {
        double[][] p = fit(line(), 2, false).predict(FeatureMatrix.of(new float[][] {{1}, {0}, {3}})).probabilities();
        // x = 1 is equally far from both prototypes
        assertThat(p[0]).containsExactly(new double[] {0.5, 0.5}, within(EPS));
        // x = 0: distances 0 and 4 -> weights 1 and exp(-4/2)
        double b = Math.exp(-2);
        assertThat(p[1]).containsExactly(new double[] {1 / (1 + b), b / (1 + b)}, within(EPS));
        // x = 3: distances 9 and 1 -> weights exp(-4.5), exp(-0.5)
        double a = Math.exp(-4.5) / (Math.exp(-4.5) + Math.exp(-0.5));
        assertThat(p[2]).containsExactly(new double[] {a, 1 - a}, within(EPS));
    }

    @Test
    void standardisingStopsALargeScaleFeatureFromDecidingAlone() {
        // feature 0 separates the classes (0.1 against 2.1, spread 0.1); feature 1 has a scale of 100 and its class
        // means (10 and -10) differ by chance
        FeatureSet s = new FeatureSet(FeatureMatrix.of(new float[][] {{0, 110}, {0.2f, -90}, {2, 90}, {2.2f, -110}}),
                new int[] {0, 0, 1, 1}, List.of("a", "b"));
        FeatureMatrix x = FeatureMatrix.of(new float[][] {{0.1f, -50}});
        // raw squared distances: a 0 + 60^2 = 3600, b 2^2 + 40^2 = 1604 -> b
        assertThat(fit(s, 1, false).predict(x).labels()).containsExactly(1);
        // in standard units feature 1 shrinks by its spread (~100): a is nearer
        assertThat(fit(s, 1, true).predict(x).labels()).containsExactly(0);
    }

    @Test
    void aClassWithoutTrainingExamplesGetsProbabilityZero() {
        FeatureSet s = new FeatureSet(FeatureMatrix.of(new float[][] {{0}, {2}}), new int[] {0, 2},
                List.of("a", "unseen", "c"));
        double[] p = fit(s, 1, false).predict(FeatureMatrix.of(new float[][] {{1}})).probabilities()[0];
        assertThat(p).containsExactly(new double[] {0.5, 0, 0.5}, within(EPS));
    }

    @Test
    void temperatureMustBePositiveAndFinite() {
        for (String bad : List.of("0", "-1", "NaN", "Infinity")) {
            assertThatThrownBy(() -> new PrototypeProvider().parseOptions(Map.of("temperature", bad)))
                    .isInstanceOf(InvalidOptionException.class).hasMessageContaining("temperature");
        }
        assertThatThrownBy(() -> new PrototypeProvider().parseOptions(Map.of("standardize", "yes")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("standardize=yes");
    }

    @Test
    void versionIsTheModuleVersion() {
        // on the module path a package has no manifest attributes; the module descriptor has the build's version
        assertThat(new PrototypeProvider().version()).isEqualTo(PrototypeProvider.class.getModule().getDescriptor()
                .rawVersion().orElseThrow()).isNotEqualTo("unversioned");
    }
}
