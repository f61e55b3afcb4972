package org.xfer4j.api;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed values out of key=value properties for one provider and refuses keys it was never asked about,
 * so a misspelt option is an error naming it instead of a silently ignored setting.
 * <pre>{@code
 * OptionReader r = OptionReader.of("lr", props);
 * var o = new LrOptions(r.getDouble("lambda", 0.1), r.getInt("maxIter", 500));
 * r.finish();
 * }</pre>
 */
public final class OptionReader {

    private final String owner;
    private final Map<String, String> properties;
    private final Set<String> known = new LinkedHashSet<>();

    private OptionReader(String owner, Map<String, String> properties) {
        this.owner = owner;
        this.properties = Map.copyOf(properties);
    }

    /** A reader of {@code properties} for the provider named {@code owner} (used in error messages). */
    public static OptionReader of(String owner, Map<String, String> properties) {
        return new OptionReader(owner, properties);
    }

    /** The raw text of {@code key}, or {@code fallback} when absent. */
    public String getString(String key, String fallback) {
        known.add(key);
        String v = properties.get(key);
        return v == null ? fallback : v.trim();
    }

    /** An integer option. */
    public int getInt(String key, int fallback) {
        String v = getString(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer");
        }
    }

    /** A long option. */
    public long getLong(String key, long fallback) {
        String v = getString(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer");
        }
    }

    /** A floating-point option. */
    public double getDouble(String key, double fallback) {
        String v = getString(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "a number");
        }
    }

    /** A boolean option: true/false. */
    public boolean getBoolean(String key, boolean fallback) {
        String v = getString(key, null);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    /** An enum option, matched case-insensitively against the constant names. */
    public <E extends Enum<E>> E getEnum(String key, Class<E> type, E fallback) {
        String v = getString(key, null);
        if (v == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.replace('-', '_'))) {
                return e;
            }
        }
        Set<String> names = new TreeSet<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw bad(key, v, "one of " + names);
    }

    /** Throws {@link InvalidOptionException} naming every key that no getter asked for. */
    public void finish() {
        Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new InvalidOptionException("unknown option" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + " for " + owner + "; known options: " + known);
        }
    }

    private InvalidOptionException bad(String key, String value, String expected) {
        return new InvalidOptionException("option " + key + "=" + value + " of " + owner + " must be " + expected);
    }
}
