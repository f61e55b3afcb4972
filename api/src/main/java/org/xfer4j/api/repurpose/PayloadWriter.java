package org.xfer4j.api.repurpose;

/**
 * Where a provider writes what it needs to restore a model: named arrays, text and bytes; the host stores them in
 * a versioned artifact.
 */
public interface PayloadWriter {

    /** A float array with a shape whose product is its length. */
    void putFloats(String name, float[] values, int... shape);

    /** A double array with a shape whose product is its length. */
    void putDoubles(String name, double[] values, int... shape);

    /** An int array with a shape whose product is its length. */
    void putInts(String name, int[] values, int... shape);

    /** UTF-8 text. */
    void putText(String name, String text);

    /** Raw bytes (for example an ONNX graph). */
    void putBytes(String name, byte[] bytes);
}
