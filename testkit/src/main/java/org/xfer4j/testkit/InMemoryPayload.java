package org.xfer4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;

/**
 * A payload held in memory: what a provider writes can be read straight back, with the same checks a saved
 * artifact applies (shapes match lengths, names are unique, a missing or mistyped entry is an error naming it).
 */
public final class InMemoryPayload implements PayloadWriter, PayloadReader {

    /** The kinds of entry, named as in error messages. */
    private enum Kind { FLOATS, DOUBLES, INTS, TEXT, BYTES }

    private record Entry(Kind kind, Object values, int[] shape) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    @Override
    public void putFloats(String name, float[] values, int... shape) {
        put(name, Kind.FLOATS, values.clone(), values.length, shape);
    }

    @Override
    public void putDoubles(String name, double[] values, int... shape) {
        put(name, Kind.DOUBLES, values.clone(), values.length, shape);
    }

    @Override
    public void putInts(String name, int[] values, int... shape) {
        put(name, Kind.INTS, values.clone(), values.length, shape);
    }

    @Override
    public void putText(String name, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        put(name, Kind.TEXT, text, utf8.length, utf8.length);
    }

    @Override
    public void putBytes(String name, byte[] bytes) {
        put(name, Kind.BYTES, bytes.clone(), bytes.length, bytes.length);
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    @Override
    public int[] shape(String name) {
        return entry(name).shape().clone();
    }

    @Override
    public float[] getFloats(String name) {
        return ((float[]) typed(name, Kind.FLOATS)).clone();
    }

    @Override
    public double[] getDoubles(String name) {
        return ((double[]) typed(name, Kind.DOUBLES)).clone();
    }

    @Override
    public int[] getInts(String name) {
        return ((int[]) typed(name, Kind.INTS)).clone();
    }

    @Override
    public String getText(String name) {
        return (String) typed(name, Kind.TEXT);
    }

    @Override
    public byte[] getBytes(String name) {
        return ((byte[]) typed(name, Kind.BYTES)).clone();
    }

    private void put(String name, Kind kind, Object values, int length, int... shape) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("payload entry names must be non-blank");
        }
        if (entries.containsKey(name)) {
            throw new InvalidInputException("payload entry '" + name + "' is written twice");
        }
        long product = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new InvalidInputException("payload entry '" + name + "' has a negative dimension in shape "
                        + Arrays.toString(shape));
            }
            product *= d;
        }
        if (product != length) {
            throw new InvalidInputException("payload entry '" + name + "' has shape " + Arrays.toString(shape)
                    + " (" + product + " values) but " + length + " values");
        }
        entries.put(name, new Entry(kind, values, shape.clone()));
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new InvalidInputException("payload has no entry '" + name + "'; entries: " + entries.keySet());
        }
        return e;
    }

    private Object typed(String name, Kind expected) {
        Entry e = entry(name);
        if (e.kind() != expected) {
            throw new InvalidInputException("payload entry '" + name + "' holds " + e.kind().name().toLowerCase(Locale.ROOT)
                    + ", not " + expected.name().toLowerCase(Locale.ROOT));
        }
        return e.values();
    }
}
