package org.xfer4j.core.tuning;

import java.util.Locale;
import org.xfer4j.api.InvalidOptionException;

/** How a search chooses the next options to evaluate. */
public enum Strategy {
    /** Uniformly at random in the unit-cube encoding of the space (log ranges uniform in log). */
    RANDOM,
    /** Bayesian optimisation: a Gaussian-process surrogate of the objective, next point by expected improvement. */
    BAYES,
    /**
     * Every point of an even grid (log ranges evenly in log) with as many points per option as the budget allows
     * for all options alike; cheap and deterministic where a method's automatic defaults need a few evaluations.
     */
    GRID;

    /** The name users type: {@code random}, {@code bayes} or {@code grid}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A proposer for a space of {@code dimensions} unit-cube coordinates, seeded with {@code seed}, for a budget of
     * {@code evaluations} (a grid proposes no more points than that, and then returns null).
     */
    public Proposer proposer(int dimensions, int evaluations, long seed) {
        return switch (this) {
            case RANDOM -> new RandomProposer(dimensions, seed);
            case BAYES -> new BayesianProposer(dimensions, seed);
            case GRID -> new GridProposer(dimensions, evaluations);
        };
    }

    /** A random or Bayesian proposer, whose proposals do not depend on the budget. */
    public Proposer proposer(int dimensions, long seed) {
        if (this == GRID) {
            throw new IllegalStateException("a grid needs its budget: use proposer(dimensions, evaluations, seed)");
        }
        return proposer(dimensions, 0, seed);
    }

    /** The strategy named {@code text} ({@code random}, {@code bayes} or {@code grid}). */
    public static Strategy parse(String text) {
        for (Strategy s : values()) {
            if (s.label().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new InvalidOptionException("search strategy must be random, bayes or grid, got '" + text + "'");
    }
}
