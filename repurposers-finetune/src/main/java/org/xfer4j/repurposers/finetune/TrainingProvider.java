package org.xfer4j.repurposers.finetune;

import java.util.Map;
import java.util.function.Function;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.repurpose.GraphRepurposerProvider;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.RepurposedModel;

/** What the fine-tuning providers share: identity, options, and loading a {@link FinetunedModel}. */
abstract class TrainingProvider<O extends Options> implements GraphRepurposerProvider {

    private final String id;
    private final String description;
    private final O defaults;
    private final Function<Map<String, String>, O> parser;

    TrainingProvider(String id, String description, O defaults, Function<Map<String, String>, O> parser) {
        this.id = id;
        this.description = description;
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
    public final Options defaultOptions() {
        return defaults;
    }

    @Override
    public final Options parseOptions(Map<String, String> properties) {
        return parser.apply(properties);
    }

    @Override
    public final RepurposedModel load(PayloadReader payload, Options options, ProviderContext context) {
        return FinetunedModel.load(id, payload, options, context);
    }
}
