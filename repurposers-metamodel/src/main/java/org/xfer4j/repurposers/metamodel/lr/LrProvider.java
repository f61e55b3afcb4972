package org.xfer4j.repurposers.metamodel.lr;

import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.repurposers.metamodel.internal.Lbfgs;
import org.xfer4j.repurposers.metamodel.internal.Standardizer;

/** The {@code lr} meta-model: L2-penalised multinomial logistic regression on standardised features. */
public final class LrProvider implements FeatureRepurposerProvider {

    @Override
    public String id() {
        return "lr";
    }

    @Override
    public String description() {
        return "multinomial logistic regression with an L2 penalty (C) on standardised features, fitted by L-BFGS";
    }

    @Override
    public LrOptions defaultOptions() {
        return LrOptions.DEFAULTS;
    }

    @Override
    public LrOptions parseOptions(Map<String, String> properties) {
        return LrOptions.parse(properties);
    }

    @Override
    public FeatureClassifier fit(FeatureSet training, Options options, ProviderContext context) {
        if (!(options instanceof LrOptions o)) {
            throw new InvalidOptionException("lr needs LrOptions, got " + options.getClass().getName());
        }
        Standardizer standardizer = Standardizer.fit(training.features());
        double[] x = standardizer.transform(training.features());
        SoftmaxModel model = new SoftmaxModel(standardizer.width(), training.classes().size());
        PenalizedLogLoss loss = new PenalizedLogLoss(model, x, training.labels(), o.c());
        // The objective is convex with a unique minimum from zero weights, so the seed plays no part.
        Lbfgs.Result result = new Lbfgs(o.maxIter(), o.tol(), Lbfgs.DEFAULT_FTOL)
                .minimize(loss, new double[model.parameterCount()]);
        return new LrClassifier(training.classes(), standardizer, result.x());
    }

    @Override
    public FeatureClassifier load(PayloadReader payload, Options options) {
        return LrClassifier.load(payload);
    }
}
