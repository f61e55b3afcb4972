package org.xfer4j.evaluation.study;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.data.text.TextTables;

/** Writes one flat JSON object of the value shapes results use; NaN and infinite numbers become null. */
public final class Json {

    private final StringBuilder sb = new StringBuilder("{");

    /** Adds {@code name}: {@code value} (strings, numbers, booleans, maps, lists and number arrays). */
    public Json field(String name, Object value) {
        if (sb.length() > 1) {
            sb.append(", ");
        }
        string(sb, name);
        sb.append(": ");
        value(sb, value);
        return this;
    }

    /** The object's text. */
    public String close() {
        return sb + "}";
    }

    static void value(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Integer i -> sb.append(i);
            case Long l -> sb.append(l);
            case Double d -> number(sb, d);
            case Boolean b -> sb.append(b);
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    sb.append(first ? "" : ", ");
                    first = false;
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(": ");
                    value(sb, e.getValue());
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i > 0 ? ", " : "");
                    value(sb, l.get(i));
                }
                sb.append(']');
            }
            case int[] a -> value(sb, java.util.Arrays.stream(a).boxed().toList());
            case double[] a -> value(sb, java.util.Arrays.stream(a).boxed().toList());
            case int[][] a -> value(sb, List.of(a));
            case double[][] a -> value(sb, List.of(a));
            default -> throw new IllegalArgumentException("no JSON form for " + v.getClass());
        }
    }

    private static void number(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            sb.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append((long) d);
        } else {
            sb.append(String.format(Locale.ROOT, "%.9g", d));
        }
    }

    static void string(StringBuilder sb, String s) {
        sb.append(TextTables.jsonString(s));
    }
}
