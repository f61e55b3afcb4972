package org.xfer4j.core.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.core.artifact.BinaryPayload.Type;

/** Writes each payload entry straight into the artifact zip, under payload/, encoded by {@link BinaryPayload}. */
final class ZipPayloadWriter implements PayloadWriter {

    static final String PREFIX = "payload/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    private final ZipOutputStream zip;
    private final Set<String> written = new HashSet<>();

    ZipPayloadWriter(ZipOutputStream zip) {
        this.zip = zip;
    }

    @Override
    public void putFloats(String name, float[] values, int... shape) {
        write(name, Type.FLOATS, values.length, shape, b -> b.asFloatBuffer().put(values));
    }

    @Override
    public void putDoubles(String name, double[] values, int... shape) {
        write(name, Type.DOUBLES, values.length, shape, b -> b.asDoubleBuffer().put(values));
    }

    @Override
    public void putInts(String name, int[] values, int... shape) {
        write(name, Type.INTS, values.length, shape, b -> b.asIntBuffer().put(values));
    }

    @Override
    public void putText(String name, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        write(name, Type.TEXT, utf8.length, new int[] {utf8.length}, b -> b.put(utf8));
    }

    @Override
    public void putBytes(String name, byte[] bytes) {
        write(name, Type.BYTES, bytes.length, new int[] {bytes.length}, b -> b.put(bytes));
    }

    /** Checks name and shape, encodes the header, lets {@code values} fill the rest and adds the zip entry. */
    private void write(String name, Type type, int length, int[] shape, Consumer<ByteBuffer> values) {
        ByteBuffer b = start(name, type, length, shape);
        values.accept(b);
        finish(name, b);
    }

    /** Checks the name and shape; the buffer returned is positioned after the header, where typed views start. */
    private ByteBuffer start(String name, Type type, int length, int... shape) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("payload entry name '" + name
                    + "' must be letters, digits, '.', '_', '-' in '/'-separated parts");
        }
        if (!written.add(name)) {
            throw new InvalidInputException("payload entry '" + name + "' is written twice");
        }
        long product = 1;
        for (int d : shape) {
            product *= Math.max(d, 0);
        }
        if (Arrays.stream(shape).anyMatch(d -> d < 0) || product != length) {
            throw new InvalidInputException("payload entry '" + name + "' has shape " + Arrays.toString(shape)
                    + " but " + length + " values");
        }
        return BinaryPayload.allocate(type, shape);
    }

    private void finish(String name, ByteBuffer b) {
        try {
            zip.putNextEntry(new ZipEntry(PREFIX + name));
            zip.write(b.array());
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write payload entry '" + name + "'", e);
        }
    }
}
