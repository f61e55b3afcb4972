package org.xfer4j.core.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bayesian optimisation: after a few random points (the same ones random search with this seed starts with), fits a
 * {@link GaussianProcessSurrogate} to the losses so far and proposes the point of highest expected improvement over
 * the best loss, found among random candidates and then refined by a local climb from the most promising ones.
 */
final class BayesianProposer implements Proposer {

    private static final int CANDIDATES_PER_DIMENSION = 1000;
    private static final int REFINED = 4;
    private static final int REFINE_STEPS = 40;
    /** Improvement margin in standardised loss units; a little exploration against re-sampling the incumbent. */
    private static final double XI = 0.01;

    private final int dimensions;
    private final SplittableRandom design;
    private final SplittableRandom random;
    private final int initial;

    BayesianProposer(int dimensions, long seed) {
        this.dimensions = dimensions;
        this.design = new SplittableRandom(seed);
        // a separate stream for the surrogate, so the initial design matches random search's first points
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.initial = Math.max(3, dimensions + 1);
    }

    @Override
    public double[] next(List<Observation> history) {
        if (history.size() < initial) {
            return RandomProposer.uniform(design, dimensions);
        }
        double[][] x = history.stream().map(Observation::point).toArray(double[][]::new);
        double[] y = history.stream().mapToDouble(Observation::loss).toArray();
        GaussianProcessSurrogate surrogate = GaussianProcessSurrogate.fit(x, y, random);
        double best = Arrays.stream(y).min().orElseThrow();
        double margin = XI * standardDeviation(y);
        List<double[]> candidates = new ArrayList<>();
        for (int i = 0; i < CANDIDATES_PER_DIMENSION * dimensions; i++) {
            candidates.add(RandomProposer.uniform(random, dimensions));
        }
        candidates.sort(Comparator.comparingDouble(c -> -expectedImprovement(surrogate, c, best, margin)));
        double[] lower = new double[dimensions];
        double[] upper = new double[dimensions];
        Arrays.fill(upper, 1);
        HillClimb climb = new HillClimb(lower, upper, REFINE_STEPS);
        HillClimb.Result top = null;
        for (double[] start : candidates.subList(0, Math.min(REFINED, candidates.size()))) {
            HillClimb.Result r = climb.maximise(c -> expectedImprovement(surrogate, c, best, margin), start,
                    expectedImprovement(surrogate, start, best, margin), 0.05, random);
            if (top == null || r.value() > top.value()) {
                top = r;
            }
        }
        return top.point();
    }

    /** E[max(best − margin − f(c), 0)] under the surrogate's normal prediction at {@code c}. */
    static double expectedImprovement(GaussianProcessSurrogate surrogate, double[] c, double best, double margin) {
        double[] p = surrogate.predict(c);
        double gain = best - margin - p[0];
        double z = gain / p[1];
        return gain * Normal.cdf(z) + p[1] * Normal.pdf(z);
    }

    private static double standardDeviation(double[] y) {
        double m = Arrays.stream(y).average().orElse(0);
        return Math.sqrt(Arrays.stream(y).map(v -> (v - m) * (v - m)).sum() / y.length);
    }
}
