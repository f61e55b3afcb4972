package org.xfer4j.spark;

import org.xfer4j.api.InvalidOptionException;

/**
 * How much of a DataFrame's features the driver may hold to fit a meta-model: at most {@code maxRows} rows and
 * {@code maxBytes} bytes of float32 features; over either, a stratified sample seeded with {@code seed} is taken.
 */
public record GatherLimit(long maxRows, long maxBytes, long seed) {

    /** One million rows, 512 MiB of features, seed 42. */
    public static final GatherLimit DEFAULT = new GatherLimit(1_000_000, 512L << 20, 42);

    public GatherLimit {
        InvalidOptionException.require(maxRows >= 2, "maxRows must be >= 2, got " + maxRows);
        InvalidOptionException.require(maxBytes >= 8, "maxBytes must be >= 8, got " + maxBytes);
    }
}
