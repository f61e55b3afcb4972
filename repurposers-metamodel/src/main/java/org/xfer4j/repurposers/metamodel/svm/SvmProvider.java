package org.xfer4j.repurposers.metamodel.svm;

import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.repurposers.metamodel.internal.MetaModelProvider;
import org.xfer4j.repurposers.metamodel.internal.Standardizer;
import org.xfer4j.api.tuning.Choice;
import org.xfer4j.api.tuning.NumericRange;
import org.xfer4j.api.tuning.SearchSpace;

/** The {@code svm} meta-model: linear or RBF support vector machines with Platt-scaled probabilities. */
public final class SvmProvider extends MetaModelProvider<SvmOptions> {

    private static final long BYTES_PER_MIB = 1L << 20;

    public SvmProvider() {
        super("svm", "support vector machine (kernel=linear|rbf, C, gamma), one-vs-one, Platt-scaled probabilities",
                SvmOptions.class, SvmOptions.DEFAULTS, SvmOptions::parse);
    }

    /**
     * The kernel, C from 1e-2 to 1e3 and gamma from 1e-5 to 1 (log scales); the default gamma, 1/features on
     * standardised features, is inside that range for 1 to 100,000 features. gamma is searched only with the rbf kernel.
     */
    @Override
    public SearchSpace searchSpace() {
        return SearchSpace.of(Choice.of("kernel", "linear", "rbf"), NumericRange.log("C", 1e-2, 1e3),
                NumericRange.log("gamma", 1e-5, 1)).when("gamma", "kernel", "rbf");
    }

    @Override
    protected FeatureClassifier fitTyped(FeatureSet training, SvmOptions o, ProviderContext context) {
        Standardizer standardizer = Standardizer.fit(training.features());
        double[] x = standardizer.transform(training.features());
        int n = training.size();
        int d = standardizer.width();
        PairwiseFitter fitter = new PairwiseFitter(training.labels(), training.classes().size());
        PairwiseFitter.Fitted fitted = switch (o.kernel()) {
            case LINEAR -> fitter.fit(new LinearDualSolver(x, d, o, context.seed()), o.plattFolds(), context.seed(),
                    context.progress());
            case RBF -> fitter.fit(new SmoSolver(new KernelRows(x, n, d, o.gammaFor(d, variance(x)),
                    o.cacheMb() * BYTES_PER_MIB), o), o.plattFolds(), context.seed(), context.progress());
        };
        return new SvmClassifier(training.classes(), standardizer, fitted.decision(), fitted.platt());
    }

    /** The variance of all entries, as scikit-learn's gamma='scale' takes it. */
    private static double variance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double sum = 0;
        for (double v : x) {
            sum += (v - mean) * (v - mean);
        }
        return sum / x.length;
    }

    @Override
    public FeatureClassifier load(PayloadReader payload, Options options) {
        return SvmClassifier.load(payload);
    }
}
