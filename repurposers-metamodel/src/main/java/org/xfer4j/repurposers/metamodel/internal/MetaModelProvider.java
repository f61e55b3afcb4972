package org.xfer4j.repurposers.metamodel.internal;

import java.util.Map;
import java.util.function.Function;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.BaseRepurposerProvider;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;

/**
 * A meta-model provider: the api's identity and options handling, and fitting with this provider's own options type.
 *
 * @param <O> the provider's options record
 */
public abstract class MetaModelProvider<O extends Options> extends BaseRepurposerProvider<O>
        implements FeatureRepurposerProvider {

    protected MetaModelProvider(String id, String description, Class<O> optionsType, O defaults,
            Function<Map<String, String>, O> parser) {
        super(id, description, optionsType, defaults, parser);
    }

    @Override
    public final FeatureClassifier fit(FeatureSet training, Options options, ProviderContext context) {
        return fitTyped(training, typed(options), context);
    }

    /** Fits a classifier with this provider's own options. */
    protected abstract FeatureClassifier fitTyped(FeatureSet training, O options, ProviderContext context);
}
