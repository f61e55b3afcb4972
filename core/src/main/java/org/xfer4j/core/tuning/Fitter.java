package org.xfer4j.core.tuning;

import java.util.Map;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;

/** Fits one feature method with options given as key=value properties (an {@code Xfer.fit} bound to a method). */
@FunctionalInterface
public interface Fitter {

    /** A classifier trained on {@code training} with {@code options}. */
    FeatureClassifier fit(FeatureSet training, Map<String, String> options);

    /** Fits with {@code provider} directly, in {@code context} (for callers without an {@code Xfer}). */
    static Fitter of(FeatureRepurposerProvider provider, ProviderContext context) {
        return (training, options) -> provider.fit(training, provider.parseOptions(options), context);
    }
}
