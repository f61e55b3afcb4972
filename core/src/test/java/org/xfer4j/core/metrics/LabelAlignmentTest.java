package org.xfer4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.repurpose.Predictions;

/** Evaluation labels are matched to the model's classes by name: the failures of matching them by position. */
class LabelAlignmentTest {

    private static final double EPS = 1e-12;

    /** A model trained on ham/phish/spam, right about every example of a test set holding only ham and spam. */
    private static final Predictions THREE = new Predictions(List.of("ham", "phish", "spam"), new double[][] {
            {0.8, 0.1, 0.1}, {0.1, 0.2, 0.7}, {0.2, 0.1, 0.7}});

    @Test
    void aSubsetOfTheModelsClassesInAnotherOrderIsScoredByName() {
        // test classes [ham, spam]: position 1 is phish for the model, spam for the data
        Evaluation e = Metrics.evaluate(THREE, new int[] {0, 1, 1}, List.of("ham", "spam"));
        assertThat(e.accuracy()).isEqualTo(1.0);
        assertThat(e.nll()).isCloseTo(-(Math.log(0.8) + 2 * Math.log(0.7)) / 3, within(EPS));
        assertThat(e.unseenLabels()).isEmpty();
    }

    @Test
    void aTestSetOfOneClassIsScoredByName() {
        Predictions p = new Predictions(List.of("a", "b"), new double[][] {{0.1, 0.9}, {0.3, 0.7}});
        Evaluation e = Metrics.evaluate(p, new int[] {0, 0}, List.of("b"));
        assertThat(e.accuracy()).isEqualTo(1.0);
        assertThat(e.macroF1()).isEqualTo(1.0);
        assertThat(ReliabilityDiagram.of(p, new int[] {0, 0}, List.of("b"), 1).bins().getFirst().accuracy())
                .isEqualTo(1.0);
    }

    @Test
    void labelsTheModelNeverSawAreNamedCountedAndScoredWrong() {
        Predictions p = new Predictions(List.of("a", "b"), new double[][] {{0.9, 0.1}, {0.6, 0.4}, {0.2, 0.8}});
        // classes of the data: a, good, junk; the model knows only a (and b, absent here)
        Evaluation e = Metrics.evaluate(p, new int[] {0, 2, 1}, List.of("a", "good", "junk"));
        assertThat(e.accuracy()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(e.unseenLabels()).isEqualTo(Map.of("good", 1, "junk", 1));
        assertThat(e.unseenExamples()).isEqualTo(2);
        assertThat(e.unseenSummary()).isEqualTo("good (1), junk (1)");
        // the model gives unseen labels probability 0: the NLL's floor, and a target at distance 1 outside its classes
        assertThat(e.nll()).isCloseTo((-Math.log(0.9) - 2 * Math.log(Metrics.NLL_EPSILON)) / 3, within(EPS));
        assertThat(e.brier()).isCloseTo((0.02 + (0.36 + 0.16 + 1) + (0.04 + 0.64 + 1)) / 3, within(EPS));
        // a: TP 1, predicted 2, actual 1 -> F1 2/3; b: predicted once, never right: 0; good, junk: 0
        assertThat(e.macroF1()).isCloseTo(2.0 / 3 / 4, within(EPS));
    }

    @Test
    void aDatasetNamesItselfWhenAnExampleHasNoLabel() {
        InMemoryDataset d = InMemoryDataset.ofTexts("tickets", List.of("ham", "spam"), List.of("x", "y"),
                new int[] {0, -1});
        Predictions p = new Predictions(List.of("ham", "spam"), new double[][] {{1, 0}, {0, 1}});
        assertThatThrownBy(() -> Metrics.evaluate(p, d)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("example 1 of dataset tickets has no label");
    }

    @Test
    void alignedClassesAreTheModelsThenTheUnseenOnes() {
        LabelAlignment a = LabelAlignment.of(List.of("junk", "spam", "ham"), List.of("ham", "spam"));
        assertThat(a.classes()).containsExactly("ham", "spam", "junk");
        assertThat(a.modelClasses()).isEqualTo(2);
        assertThat(a.align(new int[] {2, 1, 0}, "t")).containsExactly(0, 1, 2);
        assertThatThrownBy(() -> a.align(new int[] {3}, "t.csv")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("label 3 of example 0 of t.csv").hasMessageContaining("[junk, spam, ham]");
    }
}
