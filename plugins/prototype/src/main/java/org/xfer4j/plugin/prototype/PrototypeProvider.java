package org.xfer4j.plugin.prototype;

import java.util.Map;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.PayloadReader;

/** The "prototype" method: a nearest-class-centroid classifier with softmax probabilities over distances. */
public final class PrototypeProvider implements FeatureRepurposerProvider {

    /** The method id. */
    public static final String ID = "prototype";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "nearest class prototype (centroid); probabilities softmax(-squared distance / temperature)";
    }

    @Override
    public PrototypeOptions defaultOptions() {
        return PrototypeOptions.DEFAULT;
    }

    @Override
    public PrototypeOptions parseOptions(Map<String, String> properties) {
        return PrototypeOptions.parse(properties);
    }

    @Override
    public FeatureClassifier fit(FeatureSet training, Options options, ProviderContext context) {
        return PrototypeClassifier.fit(training, (PrototypeOptions) options);
    }

    @Override
    public FeatureClassifier load(PayloadReader payload, Options options) {
        return PrototypeClassifier.load(payload, (PrototypeOptions) options);
    }
}
