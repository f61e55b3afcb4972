package org.xfer4j.repurposers.finetune;

import java.util.Map;
import java.util.function.Function;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.repurpose.BaseRepurposerProvider;
import org.xfer4j.api.repurpose.GraphRepurposerProvider;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.RepurposedModel;

/** What the fine-tuning providers share beyond the api's base: loading a {@link FinetunedModel}. */
abstract class TrainingProvider<O extends Options> extends BaseRepurposerProvider<O>
        implements GraphRepurposerProvider {

    TrainingProvider(String id, String description, Class<O> optionsType, O defaults,
            Function<Map<String, String>, O> parser) {
        super(id, description, optionsType, defaults, parser);
    }

    @Override
    public final RepurposedModel load(PayloadReader payload, Options options, ProviderContext context) {
        return FinetunedModel.load(id(), payload, options, context);
    }
}
