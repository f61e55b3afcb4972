package org.xfer4j.api.feature;

import org.xfer4j.api.Provider;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.model.SourceModel;

/** Creates feature extractors for the source models it can run; found through ServiceLoader. */
public interface FeatureExtractorProvider extends Provider {

    /** Whether this provider can run {@code model}. */
    boolean supports(SourceModel model);

    /** An extractor over {@code model}, with a session on {@code context.device()}. */
    FeatureExtractor open(SourceModel model, ExtractionOptions options, ProviderContext context);
}
