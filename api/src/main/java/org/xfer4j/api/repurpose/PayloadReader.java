package org.xfer4j.api.repurpose;

import java.util.Set;

/** Reads back what a {@link PayloadWriter} stored; a missing or mistyped entry is an error naming it. */
public interface PayloadReader {

    /** Names of every entry. */
    Set<String> names();

    /** Whether an entry exists. */
    default boolean has(String name) {
        return names().contains(name);
    }

    /** The shape an array entry was stored with. */
    int[] shape(String name);

    /** A float array entry. */
    float[] getFloats(String name);

    /** A double array entry. */
    double[] getDoubles(String name);

    /** An int array entry. */
    int[] getInts(String name);

    /** A text entry. */
    String getText(String name);

    /** A bytes entry. */
    byte[] getBytes(String name);
}
