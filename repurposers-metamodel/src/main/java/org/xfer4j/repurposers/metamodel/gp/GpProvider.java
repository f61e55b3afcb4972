package org.xfer4j.repurposers.metamodel.gp;

import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.repurposers.metamodel.internal.MetaModelProvider;

/**
 * The {@code gp} meta-model: a Gaussian-process classifier, exact and multi-class on few examples, sparse beyond.
 */
public final class GpProvider extends MetaModelProvider<GpOptions> {

    public GpProvider() {
        super("gp", "Gaussian-process classifier: exact softmax GP (linear + RBF kernel) on few examples, sparse "
                + "one-vs-rest (RBF per layer, inducing points) on many; Laplace, hyperparameters by marginal likelihood",
                GpOptions.class, GpOptions.DEFAULTS, GpOptions::parse);
    }

    @Override
    protected FeatureClassifier fitTyped(FeatureSet training, GpOptions options, ProviderContext context) {
        return new GpFitter(options, context.seed(), context.progress()).fit(training);
    }

    @Override
    public FeatureClassifier load(PayloadReader payload, Options options) {
        return payload.has(ExactGpClassifier.KIND) ? ExactGpClassifier.load(payload) : GpClassifier.load(payload);
    }
}
