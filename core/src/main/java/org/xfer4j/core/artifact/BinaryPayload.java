package org.xfer4j.core.artifact;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import org.xfer4j.api.InvalidInputException;

/**
 * The encoding of one payload entry: a small header, then the values, all little-endian.
 * <pre>
 * magic  4 bytes   "XFP1"
 * type   1 byte    1 float32, 2 float64, 3 int32, 4 UTF-8 text, 5 raw bytes
 * rank   1 byte
 * dims   rank x int32  (text and bytes: rank 1, the byte count)
 * values product(dims) elements
 * </pre>
 */
final class BinaryPayload {

    /** The entry types, with their codes in the header and element sizes. */
    enum Type {
        FLOATS(1, Float.BYTES), DOUBLES(2, Double.BYTES), INTS(3, Integer.BYTES), TEXT(4, 1), BYTES(5, 1);

        final int code;
        final int elementSize;

        Type(int code, int elementSize) {
            this.code = code;
            this.elementSize = elementSize;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One decoded entry: its type, shape and the buffer positioned at its values. */
    record Entry(Type type, int[] shape, ByteBuffer values) {
    }

    private static final byte[] MAGIC = {'X', 'F', 'P', '1'};

    private BinaryPayload() {
    }

    /** A buffer holding the header for {@code type} and {@code shape}, with room for the values after it. */
    static ByteBuffer allocate(Type type, int[] shape) {
        long count = elementCount(shape);
        long size = MAGIC.length + 2 + 4L * shape.length + count * type.elementSize;
        if (size > Integer.MAX_VALUE || shape.length > 127) {
            throw new InvalidInputException("payload entry of shape " + Arrays.toString(shape) + " is too large");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) type.code).put((byte) shape.length);
        for (int d : shape) {
            b.putInt(d);
        }
        return b;
    }

    /** Decodes an entry, checking header and length; {@code where} names it in errors. */
    static Entry decode(byte[] bytes, String where) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new InvalidInputException(where + " is not a payload entry (bad header)");
        }
        b.position(MAGIC.length);
        int code = b.get();
        Type type = Arrays.stream(Type.values()).filter(t -> t.code == code).findFirst().orElseThrow(
                () -> new InvalidInputException(where + " has unknown entry type " + code));
        int rank = b.get();
        if (rank < 0 || b.remaining() < 4L * rank) {
            throw new InvalidInputException(where + " has a truncated header");
        }
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = b.getInt();
        }
        long expected = elementCount(shape) * type.elementSize;
        if (b.remaining() != expected) {
            throw new InvalidInputException(where + " of shape " + Arrays.toString(shape) + " should hold "
                    + expected + " bytes of " + type.label() + ", holds " + b.remaining());
        }
        return new Entry(type, shape, b.slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    private static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new InvalidInputException("negative dimension in payload shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }
}
