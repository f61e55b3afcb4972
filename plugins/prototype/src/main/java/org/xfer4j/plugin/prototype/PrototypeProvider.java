package org.xfer4j.plugin.prototype;

import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.BaseRepurposerProvider;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.tuning.Choice;
import org.xfer4j.api.tuning.NumericRange;
import org.xfer4j.api.tuning.SearchSpace;

/** The "prototype" method: a nearest-class-centroid classifier with softmax probabilities over distances. */
public final class PrototypeProvider extends BaseRepurposerProvider<PrototypeOptions>
        implements FeatureRepurposerProvider {

    /** The method id. */
    public static final String ID = "prototype";

    public PrototypeProvider() {
        super(ID, "nearest class prototype (centroid); probabilities softmax(-squared distance / temperature)",
                PrototypeOptions.class, PrototypeOptions.DEFAULT, PrototypeOptions::parse);
    }

    /**
     * Temperature from 0.1 to 10,000 on a log scale (squared distances grow with the width and scale of the
     * features), with and without standardised features.
     */
    @Override
    public SearchSpace searchSpace() {
        return SearchSpace.of(NumericRange.log("temperature", 0.1, 1e4), Choice.of("standardize", "false", "true"));
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
