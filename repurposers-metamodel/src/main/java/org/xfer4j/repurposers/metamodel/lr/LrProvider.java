package org.xfer4j.repurposers.metamodel.lr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.repurposers.metamodel.internal.AutoGrid;
import org.xfer4j.repurposers.metamodel.internal.Lbfgs;
import org.xfer4j.repurposers.metamodel.internal.MetaModelProvider;
import org.xfer4j.repurposers.metamodel.internal.Standardizer;
import org.xfer4j.api.tuning.NumericRange;
import org.xfer4j.api.tuning.SearchSpace;

/**
 * The {@code lr} meta-model: L2-penalised multinomial logistic regression on standardised features, its penalty
 * chosen on the training data unless given.
 */
public final class LrProvider extends MetaModelProvider<LrOptions> {

    private static final NumericRange C_RANGE = NumericRange.log("C", 1e-3, 1e3);
    private static final int AUTO_POINTS = 7;

    public LrProvider() {
        super("lr", "multinomial logistic regression with an L2 penalty (C) on standardised features, by L-BFGS",
                LrOptions.class, LrOptions.DEFAULTS, LrOptions::parse);
    }

    /** C on a log scale from 1e-3 (strong penalty, for few examples) to 1e3 (almost none). */
    @Override
    public SearchSpace searchSpace() {
        return SearchSpace.of(C_RANGE);
    }

    /**
     * C=auto: the seven decades of the search range, each scored by 3-fold cross-validated log-loss; C=1
     * (scikit-learn's default) when a class has a single example.
     */
    @Override
    protected Optional<AutoGrid> autoGrid(LrOptions options, FeatureSet training) {
        if (options.c().isPresent()) {
            return Optional.empty();
        }
        Map<String, String> fixed = new LinkedHashMap<>(options.toProperties());
        fixed.remove("C");
        return Optional.of(new AutoGrid(fixed, SearchSpace.of(C_RANGE), AUTO_POINTS, Map.of("C", "1.0")));
    }

    @Override
    protected FeatureClassifier fitTyped(FeatureSet training, LrOptions options, ProviderContext context) {
        Standardizer standardizer = Standardizer.fit(training.features());
        double[] x = standardizer.transform(training.features());
        SoftmaxModel model = new SoftmaxModel(standardizer.width(), training.classes().size());
        PenalizedLogLoss loss = new PenalizedLogLoss(model, x, training.labels(), options.c().orElseThrow());
        // The objective is convex with a unique minimum from zero weights, so the seed plays no part.
        Lbfgs.Result result = new Lbfgs(options.maxIter(), options.tol(), Lbfgs.DEFAULT_FTOL)
                .minimize(loss, new double[model.parameterCount()]);
        return new LrClassifier(training.classes(), standardizer, result.x());
    }

    @Override
    public FeatureClassifier load(PayloadReader payload, Options options) {
        return LrClassifier.load(payload);
    }
}
