package org.xfer4j.api.repurpose;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Options;

/**
 * What every repurposer provider would otherwise repeat: its id and description, its typed options with their
 * defaults and parser, and a clear error when options of another provider are passed in. Extend it and implement
 * {@link FeatureRepurposerProvider} or {@link GraphRepurposerProvider}.
 *
 * @param <O> the provider's options record
 */
public abstract class BaseRepurposerProvider<O extends Options> implements RepurposerProvider {

    private final String id;
    private final String description;
    private final Class<O> optionsType;
    private final O defaults;
    private final Function<Map<String, String>, O> parser;

    /** A provider {@code id} whose options are {@code optionsType}, {@code defaults} unless {@code parser} says else. */
    protected BaseRepurposerProvider(String id, String description, Class<O> optionsType, O defaults,
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

    @Override
    public final O defaultOptions() {
        return defaults;
    }

    @Override
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
