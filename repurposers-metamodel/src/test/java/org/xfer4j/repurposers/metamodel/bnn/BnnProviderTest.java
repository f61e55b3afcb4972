package org.xfer4j.repurposers.metamodel.bnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Options;
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
class BnnProviderTest extends FeatureRepurposerContract {

    private final BnnProvider provider = new BnnProvider();

    @Override
    protected FeatureRepurposerProvider provider() {
        return provider;
    }

    /** Fewer steps keep the contract quick; the blobs need no more. */
    @Override
    protected Options options() {
        return provider.parseOptions(Map.of("steps", "300"));
    }

    @Override
    protected Map<String, String> nonDefaultOptions() {
        return Map.of("hiddenLayers", "2", "width", "16", "activation", "tanh", "priorSigma", "0.5",
                "steps", "200", "batchSize", "8", "learningRate", "0.003", "klWeight", "0.5", "warmup", "0.2", "samples", "7");
    }

    /**
     * The closed-form gradient of the variational objective (mean NLL of a drawn network + weighted KL / n)
     * against central finite differences, for both activations and two hidden layers, at random (mu, rho) with
     * fixed noise: every component agrees to 1e-6 relative to the gradient's scale.
     */
    @Test
    void gradientMatchesFiniteDifferences() {
        for (Activation act : Activation.values()) {
            Architecture arch = new Architecture(new int[] {5, 4, 3, 3}, act);
            int rows = 6;
            RandomGenerator random = Noise.generator(11);
            double[] x = new double[rows * arch.features()];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextGaussian();
            }
            int[] labels = {0, 1, 2, 2, 1, 0};
            int count = arch.parameterCount();
            double[] theta = new double[2 * count];
            double[] eps = new double[count];
            for (int i = 0; i < count; i++) {
                theta[i] = 0.7 * random.nextGaussian();
                theta[count + i] = -1.5 + 0.5 * random.nextGaussian();
                eps[i] = random.nextGaussian();
            }
            NetworkPass pass = new NetworkPass(arch, rows);
            pass.setInput(x, null);
            VariationalObjective objective = new VariationalObjective(pass, arch.priorSigmas(0.8), 20);
            double klWeight = 0.6;
            double[] gradient = new double[theta.length];
            objective.valueAndGradient(theta, eps, labels, klWeight, gradient, true);
            double scale = 0;
            for (double g : gradient) {
                scale = Math.max(scale, Math.abs(g));
            }
            double[] scratch = new double[theta.length];
            double h = 1e-5;
            for (int i = 0; i < theta.length; i++) {
                double keep = theta[i];
                theta[i] = keep + h;
                double up = objective.valueAndGradient(theta, eps, labels, klWeight, scratch, true);
                theta[i] = keep - h;
                double down = objective.valueAndGradient(theta, eps, labels, klWeight, scratch, true);
                theta[i] = keep;
                double numeric = (up - down) / (2 * h);
                assertThat(Math.abs(numeric - gradient[i])).as("%s, parameter %d of %d (%s): numeric %s, analytic %s",
                        act, i, theta.length, i < count ? "mu" : "rho", numeric, gradient[i])
                        .isLessThan(1e-6 * Math.max(1, scale));
            }
        }
    }

    @Test
    void moreWeightDrawsGiveTheSameMeanWithLessSpread() {
        // a model of one draw is a single network; the predictive mean of many draws is smoother (less confident)
        SklearnData.Split split = SklearnData.split(SklearnData.breastCancer(), 0.3, 1L);
        double one = meanTopProbability(split, "1");
        double many = meanTopProbability(split, "100");
        assertThat(many).as("mean top probability, 100 draws vs 1").isLessThan(one);
    }

    private double meanTopProbability(SklearnData.Split split, String samples) {
        FeatureClassifier c = provider.fit(split.train(), provider.parseOptions(Map.of("samples", samples,
                "steps", "300")), ProviderContext.defaults());
        double sum = 0;
        double[][] p = c.predict(split.test().features()).probabilities();
        for (double[] row : p) {
            sum += Math.max(row[0], row[1]);
        }
        return sum / p.length;
    }

    @Test
    void breastCancerAndWine() {
        Evaluation cancer = RealDataRun.evaluate(provider, "breastCancer", SklearnData.breastCancer(), Map.of());
        assertThat(cancer.accuracy()).as("measured 0.977").isGreaterThanOrEqualTo(0.95);
        assertThat(cancer.ece()).as("measured 0.023").isLessThan(0.05);
        Evaluation wine = RealDataRun.evaluate(provider, "wine", SklearnData.wine(), Map.of());
        assertThat(wine.accuracy()).as("measured 0.981").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void invalidOptionsAreRejectedByName() {
        assertThatThrownBy(() -> provider.parseOptions(Map.of("hiddenLayers", "3")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("hiddenLayers");
        assertThatThrownBy(() -> provider.parseOptions(Map.of("activation", "gelu")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("activation")
                .hasMessageContaining("relu");
        assertThatThrownBy(() -> provider.parseOptions(Map.of("priorSigma", "0")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("priorSigma");
        assertThatThrownBy(() -> provider.parseOptions(Map.of("warmup", "1.5")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("warmup");
        assertThatThrownBy(() -> provider.parseOptions(Map.of("samples", "0")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("samples");
    }

    @Test
    void predictRejectsWrongWidthAndNaN() {
        FeatureClassifier c = provider.fit(SklearnData.iris(), provider.parseOptions(Map.of("steps", "50")),
                ProviderContext.defaults());
        assertThatThrownBy(() -> c.predict(FeatureMatrix.of(new float[][] {{1, 2}})))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("4 features").hasMessageContaining("1x2");
        assertThatThrownBy(() -> c.predict(FeatureMatrix.of(new float[][] {{1, Float.NaN, 3, 4}})))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("column 1");
    }

    @Test
    void cancelledProgressStopsTheFit() {
        assertThatThrownBy(() -> provider.fit(SklearnData.iris(), provider.defaultOptions(),
                ProviderContext.defaults().withProgress(new CancelledProgress())))
                .isInstanceOf(Progress.CancelledException.class);
    }

    @Test
    void aDifferentSeedGivesADifferentModel() {
        FeatureSet iris = SklearnData.iris();
        Options o = provider.parseOptions(Map.of("steps", "50"));
        double[][] a = provider.fit(iris, o, ProviderContext.defaults().withSeed(1)).predict(iris.features())
                .probabilities();
        double[][] b = provider.fit(iris, o, ProviderContext.defaults().withSeed(2)).predict(iris.features())
                .probabilities();
        assertThat(b[0][0]).isNotEqualTo(a[0][0]);
    }
}
