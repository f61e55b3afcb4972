package org.xfer4j.evaluation.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilcoxonSignedRankTest {

    @Test
    void matchesTheTextbookExample() {
        // Hollander & Wolfe's depression-scale example (R: wilcox.test(x, y, paired = TRUE) gives V = 40, p = 0.03906)
        double[] x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
        double[] y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        WilcoxonSignedRank w = WilcoxonSignedRank.of(d);
        assertThat(w.wPlus()).isEqualTo(40);
        assertThat(w.p()).isCloseTo(0.03906, within(1e-5));
        // (40 - 5) / 45
        assertThat(w.effectSize()).isCloseTo(35.0 / 45, within(1e-12));
    }

    @Test
    void fivePairsCanNeverReachFivePercent() {
        // all five differences positive: the most extreme of 32 sign patterns, two-sided p = 2/32
        assertThat(WilcoxonSignedRank.of(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}).p()).isCloseTo(0.0625, within(1e-12));
    }

    @Test
    void tiesAndZerosAreHandled() {
        WilcoxonSignedRank w = WilcoxonSignedRank.of(new double[] {0, 0, 0.1, -0.1, 0.1, 0.1});
        assertThat(w.n()).isEqualTo(4);
        // ranks all 2.5; W+ = 7.5 of 10
        assertThat(w.wPlus()).isEqualTo(7.5);
        assertThat(w.p()).isBetween(0.3, 1.0);
        assertThat(WilcoxonSignedRank.of(new double[] {0, 0}).p()).isEqualTo(1);
    }

    @Test
    void bootstrapIntervalHoldsTheMeanAndHolmAdjusts() {
        PairedBootstrap b = PairedBootstrap.of(new double[] {0.02, 0.03, 0.01, 0.04, 0.02, 0.03}, 1);
        assertThat(b.mean()).isCloseTo(0.025, within(1e-12));
        assertThat(b.lower()).isPositive().isLessThan(b.mean());
        assertThat(b.upper()).isGreaterThan(b.mean()).isLessThanOrEqualTo(0.04);
        assertThat(b.excludesZero()).isTrue();
        assertThat(Comparisons.holm(new double[] {0.01, 0.04, 0.03})).containsExactly(0.03, 0.06, 0.06);
    }
}
