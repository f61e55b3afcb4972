package org.xfer4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.Predictions;

class MetricsTest {

    private static final double EPS = 1e-12;

    /**
     * Four examples, three right: confidences 0.9, 0.65, 0.75 (wrong) and 0.85 each land in their own 1/15-wide bin.
     */
    static final Predictions FOUR = new Predictions(List.of("a", "b"), new double[][] {
            {0.9, 0.1}, {0.65, 0.35}, {0.25, 0.75}, {0.15, 0.85}});
    static final int[] FOUR_LABELS = {0, 0, 0, 1};

    @Test
    void handComputedCase() {
        Evaluation e = Metrics.evaluate(FOUR, FOUR_LABELS);
        assertThat(e.accuracy()).isCloseTo(0.75, within(EPS));
        // class a: TP 2, predicted 2, actual 3 -> F1 4/5; class b: TP 1, predicted 2, actual 1 -> F1 2/3
        assertThat(e.macroF1()).isCloseTo((0.8 + 2.0 / 3) / 2, within(EPS));
        assertThat(e.nll()).isCloseTo(-(Math.log(0.9) + Math.log(0.65) + Math.log(0.25) + Math.log(0.85)) / 4,
                within(EPS));
        // squared distances to one-hot: 0.02, 0.245, 1.125, 0.045
        assertThat(e.brier()).isCloseTo(1.435 / 4, within(EPS));
        // one example per bin: mean of |correct - confidence| = (0.1 + 0.35 + 0.75 + 0.15) / 4
        assertThat(e.ece()).isCloseTo(1.35 / 4, within(EPS));
    }

    @Test
    void perfectConfidentPredictionsScorePerfectly() {
        Predictions p = new Predictions(List.of("a", "b", "c"), new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        Evaluation e = Metrics.evaluate(p, new int[] {0, 1, 2});
        assertThat(e).isEqualTo(new Evaluation(1, 1, 0, 0, 0));
    }

    @Test
    void zeroProbabilityForTheTrueClassGivesALargeFiniteNll() {
        Predictions p = new Predictions(List.of("a", "b"), new double[][] {{1, 0}});
        Evaluation e = Metrics.evaluate(p, new int[] {1});
        assertThat(e.nll()).isCloseTo(-Math.log(Metrics.NLL_EPSILON), within(EPS)).isLessThan(40);
        assertThat(e.brier()).isCloseTo(2, within(EPS));
        assertThat(e.ece()).isCloseTo(1, within(EPS));
    }

    @Test
    void macroF1IgnoresClassesThatAreNeitherLabelNorPrediction() {
        Predictions p = new Predictions(List.of("a", "b", "never"), new double[][] {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}});
        assertThat(Metrics.evaluate(p, new int[] {0, 1}).macroF1()).isCloseTo(1, within(EPS));
    }

    @Test
    void macroF1WeighsClassesEquallyNotExamples() {
        // 9 of class a right, the single b predicted as a: accuracy 0.9 but b's F1 is 0
        double[][] rows = new double[10][];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            rows[i] = new double[] {0.7, 0.3};
            labels[i] = i == 9 ? 1 : 0;
        }
        Evaluation e = Metrics.evaluate(new Predictions(List.of("a", "b"), rows), labels);
        assertThat(e.accuracy()).isCloseTo(0.9, within(EPS));
        // a: TP 9, predicted 10, actual 9 -> 18/19; b: 0
        assertThat(e.macroF1()).isCloseTo(18.0 / 19 / 2, within(EPS));
    }

    @Test
    void lengthsMustMatch() {
        assertThatThrownBy(() -> Metrics.evaluate(FOUR, new int[] {0, 1}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("4 predictions but 2 labels");
    }

    @Test
    void emptyPredictionsAreRefused() {
        Predictions none = new Predictions(List.of("a", "b"), new double[0][]);
        assertThatThrownBy(() -> Metrics.evaluate(none, new int[0]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no predictions");
    }

    @Test
    void labelOutsideTheClassesIsNamed() {
        assertThatThrownBy(() -> Metrics.evaluate(FOUR, new int[] {0, 0, 2, 1}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("label 2 of example 2").hasMessageContaining("[a, b]");
    }

    @Test
    void nanProbabilityIsNamed() {
        Predictions p = new Predictions(List.of("a", "b"), new double[][] {{0.5, 0.5}, {0.5, 0.5}});
        p.probabilities()[1][0] = Double.NaN;
        assertThatThrownBy(() -> Metrics.evaluate(p, new int[] {0, 1}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("class a for example 1 is NaN");
    }
}
