package org.xfer4j.repurposers.metamodel.internal;

import java.util.OptionalDouble;
import org.xfer4j.api.OptionReader;

/** A numeric option whose value may be {@code auto}: chosen by the method on the training data (empty). */
public final class AutoValue {

    /** The word for a value the method chooses itself. */
    public static final String AUTO = "auto";

    private AutoValue() {
    }

    /** The option {@code key}: empty for {@code auto} (also when it is missing), else its number. */
    public static OptionalDouble read(OptionReader r, String key) {
        String text = r.getString(key, AUTO);
        return text.trim().equalsIgnoreCase(AUTO) ? OptionalDouble.empty() : OptionalDouble.of(r.getDouble(key, 0));
    }

    /** {@code auto} for an empty value, else the number. */
    public static String text(OptionalDouble value) {
        return value.isPresent() ? Double.toString(value.getAsDouble()) : AUTO;
    }
}
