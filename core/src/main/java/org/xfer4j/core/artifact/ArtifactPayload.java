package org.xfer4j.core.artifact;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.core.artifact.BinaryPayload.Entry;
import org.xfer4j.core.artifact.BinaryPayload.Type;

/**
 * The payload entries of a read artifact, with their declared shapes and types checked and every float and double
 * finite; errors name the artifact file and the entry.
 */
final class ArtifactPayload implements PayloadReader {

    private final String file;
    private final Map<String, byte[]> entries;

    ArtifactPayload(String file, Map<String, byte[]> entries) {
        this.file = file;
        this.entries = Map.copyOf(entries);
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    @Override
    public int[] shape(String name) {
        return entry(name).shape();
    }

    @Override
    public float[] getFloats(String name) {
        Entry e = typed(name, Type.FLOATS);
        float[] v = new float[e.values().remaining() / Float.BYTES];
        e.values().asFloatBuffer().get(v);
        for (int i = 0; i < v.length; i++) {
            requireFinite(name, i, v[i]);
        }
        return v;
    }

    @Override
    public double[] getDoubles(String name) {
        Entry e = typed(name, Type.DOUBLES);
        double[] v = new double[e.values().remaining() / Double.BYTES];
        e.values().asDoubleBuffer().get(v);
        for (int i = 0; i < v.length; i++) {
            requireFinite(name, i, v[i]);
        }
        return v;
    }

    @Override
    public int[] getInts(String name) {
        Entry e = typed(name, Type.INTS);
        int[] v = new int[e.values().remaining() / Integer.BYTES];
        e.values().asIntBuffer().get(v);
        return v;
    }

    @Override
    public String getText(String name) {
        return new String(raw(name, Type.TEXT), StandardCharsets.UTF_8);
    }

    @Override
    public byte[] getBytes(String name) {
        return raw(name, Type.BYTES);
    }

    /** No trained model stores NaN or an infinity: one in a payload was put there by damage or by hand. */
    private void requireFinite(String name, int index, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("payload entry '" + name + "' of artifact " + file + " holds " + value
                    + " at index " + index + "; a saved model holds finite numbers only (damaged or altered)");
        }
    }

    private Entry entry(String name) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new InvalidInputException("artifact " + file + " has no payload entry '" + name + "'; entries: "
                    + new TreeSet<>(entries.keySet()));
        }
        return BinaryPayload.decode(bytes, "payload entry '" + name + "' of artifact " + file);
    }

    private Entry typed(String name, Type expected) {
        Entry e = entry(name);
        if (e.type() != expected) {
            throw new InvalidInputException("payload entry '" + name + "' of artifact " + file + " holds "
                    + e.type().label() + ", not " + expected.label());
        }
        return e;
    }

    private byte[] raw(String name, Type expected) {
        Entry e = typed(name, expected);
        byte[] v = new byte[e.values().remaining()];
        e.values().get(v);
        return v;
    }
}
