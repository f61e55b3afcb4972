package org.xfer4j.api.repurpose;

import java.util.Map;
import java.util.function.Function;
import org.xfer4j.api.BaseProvider;
import org.xfer4j.api.Options;

/**
 * What every repurposer provider would otherwise repeat: its id and description, its typed options with their
 * defaults and parser, and a clear error when options of another provider are passed in. Extend it and implement
 * {@link FeatureRepurposerProvider} or {@link GraphRepurposerProvider}.
 *
 * @param <O> the provider's options record
 */
public abstract class BaseRepurposerProvider<O extends Options> extends BaseProvider<O>
        implements RepurposerProvider {

    /** A provider {@code id} whose options are {@code optionsType}, {@code defaults} unless {@code parser} says else. */
    protected BaseRepurposerProvider(String id, String description, Class<O> optionsType, O defaults,
            Function<Map<String, String>, O> parser) {
        super(id, description, optionsType, defaults, parser);
    }
}
