package org.xfer4j.api.data;

import java.util.Arrays;
import org.xfer4j.api.InvalidInputException;

/** An immutable dense row-major tensor of float32 or int64 values with a shape. */
public final class Tensor {

    private final DType dtype;
    private final long[] shape;
    private final float[] floats;
    private final long[] longs;

    private Tensor(DType dtype, long[] shape, float[] floats, long[] longs) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.floats = floats;
        this.longs = longs;
        long n = elementCount(this.shape);
        int actual = floats != null ? floats.length : longs.length;
        if (n != actual) {
            throw new InvalidInputException("tensor shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + actual);
        }
    }

    /** A float32 tensor over {@code values} (not copied: do not change them afterwards). */
    public static Tensor ofFloats(float[] values, long... shape) {
        return new Tensor(DType.FLOAT32, shape, values, null);
    }

    /** An int64 tensor over {@code values} (not copied: do not change them afterwards). */
    public static Tensor ofLongs(long[] values, long... shape) {
        return new Tensor(DType.INT64, shape, null, values);
    }

    /** The number of elements a shape holds. */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new InvalidInputException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements. */
    public int size() {
        return floats != null ? floats.length : longs.length;
    }

    /** The float32 values (the backing array, row-major); fails for int64 tensors. */
    public float[] floats() {
        if (floats == null) {
            throw new InvalidInputException("tensor is " + dtype + ", not FLOAT32");
        }
        return floats;
    }

    /** The int64 values (the backing array, row-major); fails for float32 tensors. */
    public long[] longs() {
        if (longs == null) {
            throw new InvalidInputException("tensor is " + dtype + ", not INT64");
        }
        return longs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && Arrays.equals(floats, t.floats) && Arrays.equals(longs, t.longs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + (floats != null ? Arrays.hashCode(floats) : Arrays.hashCode(longs));
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
