package org.xfer4j.repurposers.metamodel.internal;

import java.util.Map;
import org.xfer4j.api.tuning.SearchSpace;

/**
 * What a method chooses itself when options are {@code auto}: the grid it tries, the options every try shares, and
 * the values it falls back to when the training data is too small to cross-validate.
 *
 * @param fixed every other option, as properties, with no {@code auto} among them (a try may override a setting
 *        for speed, e.g. a cheaper calibration while cross-validating)
 * @param space the chosen options' ranges; {@code points} evenly spaced values of each (in log for log ranges)
 * @param points values tried per option
 * @param fallback the chosen options' values when some class has a single example (nothing to hold out)
 */
public record AutoGrid(Map<String, String> fixed, SearchSpace space, int points, Map<String, String> fallback) {

    public AutoGrid {
        fixed = Map.copyOf(fixed);
        fallback = Map.copyOf(fallback);
    }

    /** The number of settings the grid holds. */
    public int size() {
        return (int) Math.pow(points, space.size());
    }
}
