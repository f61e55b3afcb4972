package org.xfer4j.api.repurpose;

import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;

/** A meta-model method: trains a classifier on features extracted from the frozen source model. */
public interface FeatureRepurposerProvider extends RepurposerProvider {

    /**
     * Fits a classifier. The host has already checked that {@code training} is non-empty, has two or more classes
     * and finite features; {@code options} came from this provider's {@code parseOptions} or {@code defaultOptions}.
     */
    FeatureClassifier fit(FeatureSet training, Options options, ProviderContext context);

    /** Restores a classifier from what its {@link FeatureClassifier#save} wrote. */
    FeatureClassifier load(PayloadReader payload, Options options);
}
