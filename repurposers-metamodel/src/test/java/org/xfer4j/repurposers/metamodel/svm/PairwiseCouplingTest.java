package org.xfer4j.repurposers.metamodel.svm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairwiseCouplingTest {

    @Test
    void consistentPairwiseProbabilitiesGiveBackTheClassProbabilities() {
        double[] p = {0.5, 0.3, 0.15, 0.05};
        double[] second = new double[PairwiseCoupling.pairs(p.length)];
        for (int a = 0, pair = 0; a < p.length; a++) {
            for (int b = a + 1; b < p.length; b++, pair++) {
                second[pair] = p[b] / (p[a] + p[b]);
            }
        }
        assertThat(PairwiseCoupling.probabilities(second, p.length)).containsExactly(p, within(1e-3));
    }

    @Test
    void twoClassesUseThePairDirectly() {
        assertThat(PairwiseCoupling.probabilities(new double[] {0.8}, 2)).containsExactly(new double[] {0.2, 0.8}, within(1e-12));
    }
}
