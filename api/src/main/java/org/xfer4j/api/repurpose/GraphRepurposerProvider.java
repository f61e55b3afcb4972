package org.xfer4j.api.repurpose;

import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;

/** A method that edits and trains the source graph itself (fine-tuning). */
public interface GraphRepurposerProvider extends RepurposerProvider {

    /** Builds and trains a target model from {@code source} on {@code training}. */
    RepurposedModel repurpose(SourceModel source, Dataset training, Options options, ProviderContext context);

    /** Restores a model from what its {@link RepurposedModel#save} wrote. */
    RepurposedModel load(PayloadReader payload, Options options, ProviderContext context);
}
