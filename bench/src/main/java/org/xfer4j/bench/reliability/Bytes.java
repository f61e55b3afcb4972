package org.xfer4j.bench.reliability;

import java.util.Arrays;
import java.util.Random;

/** Byte-level mutations shared by the artifact and ONNX mutators. */
final class Bytes {

    private Bytes() {
    }

    /** {@code b} with 1 to 16 bytes at random places set to random values. */
    static byte[] flip(byte[] b, Random r) {
        byte[] out = b.clone();
        if (out.length == 0) {
            return out;
        }
        for (int k = 1 + r.nextInt(16); k > 0; k--) {
            out[r.nextInt(out.length)] = (byte) r.nextInt(256);
        }
        return out;
    }

    /** The first 0 to {@code b.length - 1} bytes of {@code b}. */
    static byte[] truncate(byte[] b, Random r) {
        return Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
    }
}
