package org.xfer4j.plugin.prototype;

import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.BaseRepurposerProvider;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.PayloadReader;

/** The "prototype" method: a nearest-class-centroid classifier with softmax probabilities over distances. */
public final class PrototypeProvider extends BaseRepurposerProvider<PrototypeOptions>
        implements FeatureRepurposerProvider {

    /** The method id. */
    public static final String ID = "prototype";

    public PrototypeProvider() {
        super(ID, "nearest class prototype (centroid); probabilities softmax(-squared distance / temperature)",
                PrototypeOptions.class, PrototypeOptions.DEFAULT, PrototypeOptions::parse);
    }

    @Override
    public FeatureClassifier fit(FeatureSet training, Options options, ProviderContext context) {
        return PrototypeClassifier.fit(training, typed(options));
    }

    @Override
    public FeatureClassifier load(PayloadReader payload, Options options) {
        return PrototypeClassifier.load(payload, typed(options));
    }
}
