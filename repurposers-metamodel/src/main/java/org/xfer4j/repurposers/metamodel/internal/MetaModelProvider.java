package org.xfer4j.repurposers.metamodel.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.BaseRepurposerProvider;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;

/**
 * A meta-model provider: the api's identity and options handling, options left {@code auto} chosen on the training
 * data (see {@link AutoChoice}), and fitting with this provider's own options type.
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
        O typed = typed(options);
        Optional<AutoGrid> grid = autoGrid(typed, training);
        if (grid.isEmpty()) {
            return fitTyped(training, typed, context);
        }
        Map<String, String> chosen = AutoChoice.choose(this, grid.get(), training, context);
        Map<String, String> all = new LinkedHashMap<>(typed.toProperties());
        all.putAll(chosen);
        return new ChosenOptionsClassifier(fitTyped(training, typed(parseOptions(all)), context), chosen);
    }

    /** The grid the {@code auto} options of {@code options} are chosen from, or empty when none is auto. */
    protected Optional<AutoGrid> autoGrid(O options, FeatureSet training) {
        return Optional.empty();
    }

    /** Fits a classifier with this provider's own options, none of them {@code auto}. */
    protected abstract FeatureClassifier fitTyped(FeatureSet training, O options, ProviderContext context);
}
