package org.xfer4j.api.tuning;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.xfer4j.api.InvalidOptionException;

/**
 * A categorical option searched over a list of values (option text, as {@code -o key=value} would give it).
 *
 * @param option the option key
 * @param values the values tried, distinct, at least two
 */
public record Choice(String option, List<String> values) implements SearchDimension {

    public Choice {
        Objects.requireNonNull(option, "option");
        values = List.copyOf(values);
        InvalidOptionException.require(values.size() >= 2 && new HashSet<>(values).size() == values.size(),
                "choices of option " + option + " must be two or more distinct values, got " + values);
    }

    /** The choices of {@code option}. */
    public static Choice of(String option, String... values) {
        return new Choice(option, List.of(values));
    }
}
