package org.xfer4j.api;

import java.util.Map;

/**
 * A typed, validated options record of a provider that converts to key=value properties and back
 * (through its provider's {@code parseOptions}), so CLIs, config files and saved artifacts need no reflection.
 */
public interface Options {

    /** Every option as key=value text, in a stable order; parsing the result yields an equal record. */
    Map<String, String> toProperties();

    /**
     * What each key of {@link #toProperties()} means, in a short phrase (shown by {@code xfer4j methods}); empty where
     * the provider does not say.
     */
    default Map<String, String> help() {
        return Map.of();
    }
}
