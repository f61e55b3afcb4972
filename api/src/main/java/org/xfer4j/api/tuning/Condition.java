package org.xfer4j.api.tuning;

import java.util.List;
import java.util.Objects;
import org.xfer4j.api.InvalidOptionException;

/**
 * An option that only matters for some values of another searched option, such as svm's {@code gamma} only for
 * {@code kernel=rbf}: a search leaves it at its default otherwise, instead of varying what changes nothing.
 *
 * @param option the dependent option
 * @param parent the categorical option it depends on
 * @param values the parent's values for which the option is used
 */
public record Condition(String option, String parent, List<String> values) {

    public Condition {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(parent, "parent");
        values = List.copyOf(values);
        InvalidOptionException.require(!values.isEmpty(), "condition of option " + option + " on " + parent
                + " needs at least one value");
    }
}
