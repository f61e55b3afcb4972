package org.xfer4j.transferability.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Kendall's tau-b on orderings whose value is known by counting pairs. */
class KendallTauTest {

    @Test
    void countsConcordantAndDiscordantPairs() {
        assertThat(KendallTau.of(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40})).isEqualTo(1.0);
        assertThat(KendallTau.of(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
        // one swapped neighbour pair: 5 concordant, 1 discordant of 6
        assertThat(KendallTau.of(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4})).isCloseTo(4 / 6.0,
                within(1e-12));
    }

    @Test
    void tiesCorrectTheDenominator() {
        // a: pairs (1,2) tied; b has no ties. C = 5, D = 0, ties only in a: 1 -> tau-b = 5 / sqrt(5 * 6)
        assertThat(KendallTau.of(new double[] {1, 1, 2, 3}, new double[] {1, 2, 3, 4}))
                .isCloseTo(5 / Math.sqrt(30), within(1e-12));
        assertThat(KendallTau.of(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }
}
