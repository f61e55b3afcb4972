package org.xfer4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.core.metrics.ReliabilityDiagram.Bin;

class ReliabilityDiagramTest {

    private static final double EPS = 1e-12;

    @Test
    void binsGroupExamplesByConfidenceWithInclusiveUpperEdges() {
        // confidences 0.9 (right), 0.65 (right), 0.75 (wrong, exactly on an edge), 0.85 (right)
        List<Bin> bins = ReliabilityDiagram.of(MetricsTest.FOUR, MetricsTest.FOUR_LABELS, 4).bins();
        assertThat(bins).hasSize(4);
        assertThat(bins).extracting(Bin::count).containsExactly(0, 0, 2, 2);
        assertThat(bins).extracting(Bin::lower).containsExactly(0.0, 0.25, 0.5, 0.75);
        assertThat(bins).extracting(Bin::upper).containsExactly(0.25, 0.5, 0.75, 1.0);
        assertThat(bins.get(2).confidence()).isCloseTo(0.7, within(EPS));
        assertThat(bins.get(2).accuracy()).isCloseTo(0.5, within(EPS));
        assertThat(bins.get(3).confidence()).isCloseTo(0.875, within(EPS));
        assertThat(bins.get(3).accuracy()).isCloseTo(1.0, within(EPS));
        assertThat(bins.get(0).confidence()).isZero();
    }

    @Test
    void eceIsTheCountWeightedGapBetweenConfidenceAndAccuracy() {
        ReliabilityDiagram four = ReliabilityDiagram.of(MetricsTest.FOUR, MetricsTest.FOUR_LABELS, 4);
        // (2/4)|0.5 - 0.7| + (2/4)|1 - 0.875|
        assertThat(four.expectedCalibrationError()).isCloseTo(0.1 + 0.0625, within(EPS));
        // one bin pools everything: |accuracy 0.75 - mean confidence 0.7875|
        ReliabilityDiagram one = ReliabilityDiagram.of(MetricsTest.FOUR, MetricsTest.FOUR_LABELS, 1);
        assertThat(one.expectedCalibrationError()).isCloseTo(0.0375, within(EPS));
    }

    @Test
    void binCountMustBePositive() {
        assertThatThrownBy(() -> ReliabilityDiagram.of(MetricsTest.FOUR, MetricsTest.FOUR_LABELS, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("got 0");
    }
}
