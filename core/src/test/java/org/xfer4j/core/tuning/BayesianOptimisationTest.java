package org.xfer4j.core.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.tuning.NumericRange;
import org.xfer4j.api.tuning.SearchSpace;

/**
 * Bayesian optimisation against random search at the same budget on smooth synthetic objectives (deterministic:
 * seeded proposals, no noise), the case a Gaussian-process surrogate is built for.
 */
class BayesianOptimisationTest {

    private static final int BUDGET = 20;
    private static final int SEEDS = 5;

    /** A two-dimensional bowl with its minimum 0 at (0.7, 0.25), tilted by a gentle ripple. */
    private static final ToDoubleFunction<double[]> BOWL = u -> {
        double a = u[0] - 0.7;
        double b = u[1] - 0.25;
        return 4 * a * a + 9 * b * b + 0.05 * (1 - Math.cos(6 * Math.PI * a));
    };

    /** The Branin function rescaled to the unit square; its minimum is 0.397887 at three points. */
    private static final ToDoubleFunction<double[]> BRANIN = u -> {
        double x = -5 + 15 * u[0];
        double y = 15 * u[1];
        double t = y - 5.1 / (4 * Math.PI * Math.PI) * x * x + 5 / Math.PI * x - 6;
        return t * t + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
    };

    private static final SearchRequest SQUARE = new SearchRequest("synthetic", Map.of(),
            SearchSpace.of(NumericRange.linear("x", 0, 1), NumericRange.linear("y", 0, 1)));

    private static double bestOf(ToDoubleFunction<double[]> f, Strategy strategy, long seed) {
        List<Proposer.Observation> seen = HyperparameterSearch.minimise(f, SQUARE, strategy.proposer(2, seed), BUDGET);
        assertThat(seen).hasSize(BUDGET);
        return seen.stream().mapToDouble(Proposer.Observation::loss).min().orElseThrow();
    }

    private static double[] meanBest(ToDoubleFunction<double[]> f) {
        double bayes = 0;
        double random = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            bayes += bestOf(f, Strategy.BAYES, seed) / SEEDS;
            random += bestOf(f, Strategy.RANDOM, seed) / SEEDS;
        }
        System.out.printf("mean best of %d evaluations over %d seeds: bayes %.5f, random %.5f%n", BUDGET, SEEDS, bayes,
                random);
        return new double[] {bayes, random};
    }

    @Test
    void bayesFindsALowerBowlMinimumThanRandomSearch() {
        double[] m = meanBest(BOWL);
        // measured: bayes 0.00124, random 0.24921; the surrogate homes in after its 3 random starting points
        assertThat(m[0]).isLessThan(m[1] / 10);
    }

    @Test
    void bayesFindsALowerBraninMinimumThanRandomSearch() {
        double[] m = meanBest(BRANIN);
        // measured: bayes 0.77956, random 2.55649 (optimum 0.39789; three basins share it)
        assertThat(m[0]).isLessThan(m[1] / 2).isLessThan(1.0);
    }

    @Test
    void theSameSeedProposesTheSamePoints() {
        assertThat(bestOf(BRANIN, Strategy.BAYES, 7)).isEqualTo(bestOf(BRANIN, Strategy.BAYES, 7));
    }

    @Test
    void bayesStartsFromRandomSearchsFirstPoints() {
        List<Proposer.Observation> b = HyperparameterSearch.minimise(BOWL, SQUARE, Strategy.BAYES.proposer(2, 3), 3);
        List<Proposer.Observation> r = HyperparameterSearch.minimise(BOWL, SQUARE, Strategy.RANDOM.proposer(2, 3), 3);
        for (int i = 0; i < 3; i++) {
            assertThat(b.get(i).point()).containsExactly(r.get(i).point());
        }
    }
}
