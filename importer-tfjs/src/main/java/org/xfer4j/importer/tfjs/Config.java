package org.xfer4j.importer.tfjs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads of one JSON object (a layer config), with errors that name the object's owner. */
record Config(String owner, Map<String, Object> values) {

    /** Wraps {@code value}, which must be a JSON object. */
    @SuppressWarnings("unchecked")
    static Config of(String owner, Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new TfjsFormatException(owner + " must be a JSON object, got " + describe(value));
        }
        return new Config(owner, (Map<String, Object>) m);
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    Object raw(String key) {
        return values.get(key);
    }

    String string(String key) {
        if (!(values.get(key) instanceof String s)) {
            throw missing(key, "a string");
        }
        return s;
    }

    String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    double number(String key, double fallback) {
        return typed(key, Double.class, fallback, "a number");
    }

    boolean bool(String key, boolean fallback) {
        return typed(key, Boolean.class, fallback, "true or false");
    }

    private <T> T typed(String key, Class<T> type, T fallback, String expected) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (!type.isInstance(v)) {
            throw missing(key, expected);
        }
        return type.cast(v);
    }

    Config object(String key) {
        if (!has(key)) {
            throw missing(key, "an object");
        }
        return of(owner + "." + key, values.get(key));
    }

    List<Object> list(String key) {
        if (!(values.get(key) instanceof List<?> l)) {
            throw missing(key, "a list");
        }
        return new ArrayList<>(l);
    }

    /** A list of integers; a single integer counts as {@code n} copies of itself (Keras allows both). */
    int[] ints(String key, int n) {
        Object v = values.get(key);
        if (v instanceof Double d) {
            int[] out = new int[n];
            java.util.Arrays.fill(out, toInt(key, d));
            return out;
        }
        List<Object> l = list(key);
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Double d)) {
                throw missing(key, "a list of integers");
            }
            out[i] = toInt(key, d);
        }
        return out;
    }

    private int toInt(String key, double d) {
        if (d != Math.rint(d)) {
            throw missing(key, "integers");
        }
        return (int) d;
    }

    private TfjsFormatException missing(String key, String expected) {
        return new TfjsFormatException(owner + ": '" + key + "' must be " + expected + ", got "
                + describe(values.get(key)));
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        String s = String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
