package org.xfer4j.repurposers.metamodel.internal;

import java.util.Map;
import java.util.function.Function;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;

/**
 * The parts every meta-model provider shares: its id and description, typed options with their defaults and
 * parser, and a clear error when options of another provider are passed in.
 *
 * @param <O> the provider's options record
 */
public abstract class MetaModelProvider<O extends Options> implements FeatureRepurposerProvider {

    private final String id;
    private final String description;
    private final Class<O> optionsType;
    private final O defaults;
    private final Function<Map<String, String>, O> parser;

    protected MetaModelProvider(String id, String description, Class<O> optionsType, O defaults,
            Function<Map<String, String>, O> parser) {
        this.id = id;
        this.description = description;
        this.optionsType = optionsType;
        this.defaults = defaults;
        this.parser = parser;
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

    @Override
    public final FeatureClassifier fit(FeatureSet training, Options options, ProviderContext context) {
        if (!optionsType.isInstance(options)) {
            throw new InvalidOptionException(id + " needs " + optionsType.getSimpleName() + ", got "
                    + options.getClass().getName());
        }
        return fitTyped(training, optionsType.cast(options), context);
    }

    /** Fits a classifier with this provider's own options. */
    protected abstract FeatureClassifier fitTyped(FeatureSet training, O options, ProviderContext context);
}
