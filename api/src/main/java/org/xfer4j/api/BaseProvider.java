package org.xfer4j.api;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every provider with typed options would otherwise repeat: its id and description, its options with their
 * defaults and parser, and a clear error when options of another provider are passed in.
 *
 * @param <O> the provider's options record
 */
public abstract class BaseProvider<O extends Options> implements Provider {

    private final String id;
    private final String description;
    private final Class<O> optionsType;
    private final O defaults;
    private final Function<Map<String, String>, O> parser;

    /** A provider {@code id} whose options are {@code optionsType}, {@code defaults} unless {@code parser} says else. */
    protected BaseProvider(String id, String description, Class<O> optionsType, O defaults,
            Function<Map<String, String>, O> parser) {
        this.id = Objects.requireNonNull(id, "id");
        this.description = Objects.requireNonNull(description, "description");
        this.optionsType = Objects.requireNonNull(optionsType, "optionsType");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    /** The options used when the user names none. */
    public final O defaultOptions() {
        return defaults;
    }

    /** Typed options from key=value properties; unknown keys are an error naming them. */
    public final O parseOptions(Map<String, String> properties) {
        return parser.apply(properties);
    }

    /**
     * {@code options} as this provider's own options type.
     *
     * @throws InvalidOptionException naming both types when they are another provider's options
     */
    protected final O typed(Options options) {
        if (!optionsType.isInstance(options)) {
            throw new InvalidOptionException(id + " needs " + optionsType.getSimpleName() + ", got "
                    + (options == null ? "null" : options.getClass().getName()));
        }
        return optionsType.cast(options);
    }
}
