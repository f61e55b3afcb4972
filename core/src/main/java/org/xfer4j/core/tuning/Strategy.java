package org.xfer4j.core.tuning;

import java.util.Locale;
import org.xfer4j.api.InvalidOptionException;

/** How a search chooses the next options to evaluate. */
public enum Strategy {
    /** Uniformly at random in the unit-cube encoding of the space (log ranges uniform in log). */
    RANDOM,
    /** Bayesian optimisation: a Gaussian-process surrogate of the objective, next point by expected improvement. */
    BAYES;

    /** The name users type: {@code random} or {@code bayes}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A proposer for a space of {@code dimensions} unit-cube coordinates, seeded with {@code seed}. */
    public Proposer proposer(int dimensions, long seed) {
        return this == RANDOM ? new RandomProposer(dimensions, seed) : new BayesianProposer(dimensions, seed);
    }

    /** The strategy named {@code text} ({@code random} or {@code bayes}). */
    public static Strategy parse(String text) {
        for (Strategy s : values()) {
            if (s.label().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new InvalidOptionException("search strategy must be random or bayes, got '" + text + "'");
    }
}
