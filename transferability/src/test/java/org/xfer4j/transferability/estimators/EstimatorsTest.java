package org.xfer4j.transferability.estimators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.transfer.TransferTarget;
import org.xfer4j.api.transfer.TransferabilityEstimator;

/** Closed-form cases of each estimator, what they must prefer, and the bad input each names. */
class EstimatorsTest {

    private static final ProviderContext CONTEXT = ProviderContext.defaults();
    private static final List<TransferabilityEstimator> ALL = List.of(new LogMe(), new HScore(), new Leep(),
            new Nce(), new LrCrossValidation());

    @Test
    void aSourceHeadThatNamesTheTargetClassesScoresZeroLeepAndNce() {
        // theta = one-hot of the label: P(y|z) is the identity, so the expected prediction is certain (log 1 = 0)
        float[][] onehot = {{1, 0}, {0, 1}, {1, 0}, {0, 1}};
        TransferTarget t = target(new float[][] {{1}, {2}, {3}, {4}}, new int[] {0, 1, 0, 1}, onehot);
        assertThat(new Leep().estimate(t, CONTEXT)).isCloseTo(0, within(1e-12));
        assertThat(new Nce().estimate(t, CONTEXT)).isCloseTo(0, within(1e-12));
    }

    @Test
    void anUninformativeHeadGivesMinusTheLabelEntropy() {
        // every example predicted as source class 0 with probability 1: NCE = LEEP = -H(Y) = sum p log p
        float[][] constant = {{1, 0}, {1, 0}, {1, 0}, {1, 0}, {1, 0}, {1, 0}};
        TransferTarget t = target(new float[][] {{1}, {2}, {3}, {4}, {5}, {6}}, new int[] {0, 0, 1, 1, 1, 1},
                constant);
        double minusEntropy = (1 / 3.0) * Math.log(1 / 3.0) + (2 / 3.0) * Math.log(2 / 3.0);
        assertThat(new Nce().estimate(t, CONTEXT)).isCloseTo(minusEntropy, within(1e-12));
        assertThat(new Leep().estimate(t, CONTEXT)).isCloseTo(minusEntropy, within(1e-12));
    }

    @Test
    void hScoreWithoutShrinkageIsTheBetweenClassShareOfVariance() {
        // one feature, two classes at -1 and +1 with within-class spread +-0.5: var = 1 + 0.25, between = 1;
        // the Ledoit-Wolf amount is 0 for one dimension, so H = between / total = 0.8
        TransferTarget t = target(new float[][] {{-1.5f}, {-0.5f}, {0.5f}, {1.5f}}, new int[] {0, 0, 1, 1}, null);
        assertThat(new HScore().estimate(t, CONTEXT)).isCloseTo(1 / 1.25, within(1e-9));
    }

    @Test
    void featureEstimatorsPreferFeaturesThatSeparateTheClasses() {
        TransferTarget strong = Samples.target(5, 90, 16, 3, 2.0, 4);
        TransferTarget weak = Samples.target(5, 90, 16, 3, 0.2, 4);
        for (TransferabilityEstimator e : List.of(new LogMe(), new HScore(), new LrCrossValidation())) {
            assertThat(e.estimate(strong, CONTEXT)).as(e.id()).isGreaterThan(e.estimate(weak, CONTEXT));
        }
        // a 2-point shift per class in 16-d Gaussian noise is separable almost always
        assertThat(new LrCrossValidation().estimate(strong, CONTEXT)).isGreaterThan(0.9);
    }

    @Test
    void aClassWithOneExampleIsNamedByEveryEstimator() {
        TransferTarget t = target(new float[][] {{1}, {2}, {3}}, new int[] {0, 0, 1}, new float[][] {{1, 0},
                {1, 0}, {0, 1}});
        for (TransferabilityEstimator e : ALL) {
            assertThatThrownBy(() -> e.estimate(t, CONTEXT)).as(e.id()).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("class 'b' has 1 example");
        }
    }

    @Test
    void aSingleClassIsNamed() {
        TransferTarget t = target(new float[][] {{1}, {2}, {3}}, new int[] {1, 1, 1}, new float[][] {{1, 0},
                {1, 0}, {0, 1}});
        for (TransferabilityEstimator e : ALL) {
            assertThatThrownBy(() -> e.estimate(t, CONTEXT)).as(e.id()).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("only class 'b'");
        }
    }

    @Test
    void nanFeaturesAreNamedWhileTheHeadEstimatorsStillScore() {
        TransferTarget t = target(new float[][] {{1}, {Float.NaN}, {3}, {4}}, new int[] {0, 0, 1, 1},
                new float[][] {{0.9f, 0.1f}, {0.8f, 0.2f}, {0.3f, 0.7f}, {0.1f, 0.9f}});
        for (TransferabilityEstimator e : List.of(new LogMe(), new HScore(), new LrCrossValidation())) {
            assertThatThrownBy(() -> e.estimate(t, CONTEXT)).as(e.id()).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("row 1, column 0").hasMessageContaining("NaN");
        }
        assertThat(new Leep().estimate(t, CONTEXT)).isFinite();
        assertThat(new Nce().estimate(t, CONTEXT)).isFinite();
    }

    @Test
    void headEstimatorsNameTheMissingClassificationHead() {
        TransferTarget t = target(new float[][] {{1}, {2}, {3}, {4}}, new int[] {0, 0, 1, 1}, null);
        assertThatThrownBy(() -> new Leep().estimate(t, CONTEXT)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("LEEP needs the source model's class probabilities")
                .hasMessageContaining("without a classification head");
        assertThatThrownBy(() -> new Nce().estimate(t, CONTEXT)).hasMessageContaining("NCE needs");
        assertThat(new LogMe().estimate(t, CONTEXT)).isFinite();
    }

    private static TransferTarget target(float[][] x, int[] y, float[][] probabilities) {
        FeatureSet set = new FeatureSet(FeatureMatrix.of(x), y, List.of("a", "b"));
        return probabilities == null ? new TransferTarget("test candidate", set)
                : new TransferTarget("test candidate", set, FeatureMatrix.of(probabilities), List.of("s0", "s1"));
    }
}
