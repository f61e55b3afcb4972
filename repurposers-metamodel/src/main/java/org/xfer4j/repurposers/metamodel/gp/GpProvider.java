package org.xfer4j.repurposers.metamodel.gp;

import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.repurposers.metamodel.internal.MetaModelProvider;
import org.xfer4j.api.tuning.NumericRange;
import org.xfer4j.api.tuning.SearchSpace;

/**
 * The {@code gp} meta-model: a Gaussian-process classifier, exact and multi-class on few examples, sparse beyond.
 */
public final class GpProvider extends MetaModelProvider<GpOptions> {

    public GpProvider() {
        super("gp", "Gaussian-process classifier: exact softmax GP (linear + RBF kernel) on few examples, sparse "
                + "one-vs-rest (RBF per layer, inducing points) on many; Laplace, hyperparameters by marginal likelihood",
                GpOptions.class, GpOptions.DEFAULTS, GpOptions::parse);
    }

    /**
     * The kernel's own hyperparameters are fitted by marginal likelihood, so what is left to search is how much of
     * that the fit may spend: inducing points from 16 to 512 (log scale) and 0 to 60 likelihood evaluations.
     */
    @Override
    public SearchSpace searchSpace() {
        return SearchSpace.of(NumericRange.logIntegers("inducingPoints", 16, 512),
                NumericRange.integers("hyperEvaluations", 0, 60));
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
