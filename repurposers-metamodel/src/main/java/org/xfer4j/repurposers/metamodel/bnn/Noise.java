package org.xfer4j.repurposers.metamodel.bnn;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Seeded standard-normal noise from a generator whose algorithm Java specifies (L64X128MixRandom), so training
 * and prediction repeat exactly for a seed on every JVM.
 */
final class Noise {

    private static final RandomGeneratorFactory<RandomGenerator> FACTORY = RandomGeneratorFactory.of(
            "L64X128MixRandom");

    private Noise() {
    }

    /** A generator for {@code seed}. */
    static RandomGenerator generator(long seed) {
        return FACTORY.create(seed);
    }

    /** The generator of stream {@code index} of {@code seed} (one per prediction draw). */
    static RandomGenerator generator(long seed, int index) {
        return FACTORY.create(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
    }

    /** Fills {@code out} with standard normal draws. */
    static void fill(RandomGenerator random, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextGaussian();
        }
    }
}
