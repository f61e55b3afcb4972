package org.xfer4j.repurposers.metamodel.gp;

import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.repurposers.metamodel.internal.MetaModelProvider;

/** The {@code gp} meta-model: a sparse Gaussian-process classifier with calibrated probabilities. */
public final class GpProvider extends MetaModelProvider<GpOptions> {

    public GpProvider() {
        super("gp", "sparse Gaussian-process classifier (RBF per layer, inducing points, Laplace), calibrated",
                GpOptions.class, GpOptions.DEFAULTS, GpOptions::parse);
    }

    @Override
    protected FeatureClassifier fitTyped(FeatureSet training, GpOptions options, ProviderContext context) {
        return new GpFitter(options, context.seed(), context.progress()).fit(training);
    }

    @Override
    public FeatureClassifier load(PayloadReader payload, Options options) {
        return GpClassifier.load(payload);
    }
}
