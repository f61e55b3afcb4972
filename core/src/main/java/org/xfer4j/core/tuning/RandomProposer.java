package org.xfer4j.core.tuning;

import java.util.List;
import java.util.SplittableRandom;

/** Random search: every point uniform in the unit cube, from a seeded generator. */
final class RandomProposer implements Proposer {

    private final int dimensions;
    private final SplittableRandom random;

    RandomProposer(int dimensions, long seed) {
        this.dimensions = dimensions;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public double[] next(List<Observation> history) {
        return uniform(random, dimensions);
    }

    /** A uniform point of the {@code dimensions}-dimensional unit cube. */
    static double[] uniform(SplittableRandom random, int dimensions) {
        double[] u = new double[dimensions];
        for (int d = 0; d < dimensions; d++) {
            u[d] = random.nextDouble();
        }
        return u;
    }
}
