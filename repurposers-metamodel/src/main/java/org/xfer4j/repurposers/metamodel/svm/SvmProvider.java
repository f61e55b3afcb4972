package org.xfer4j.repurposers.metamodel.svm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.repurposers.metamodel.internal.AutoGrid;
import org.xfer4j.repurposers.metamodel.internal.MetaModelProvider;
import org.xfer4j.repurposers.metamodel.internal.Standardizer;
import org.xfer4j.api.tuning.Choice;
import org.xfer4j.api.tuning.NumericRange;
import org.xfer4j.api.tuning.SearchSpace;

/** The {@code svm} meta-model: linear or RBF support vector machines with Platt-scaled probabilities. */
public final class SvmProvider extends MetaModelProvider<SvmOptions> {

    private static final long BYTES_PER_MIB = 1L << 20;
    private static final int LINEAR_POINTS = 6;
    private static final int RBF_POINTS = 3;

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

    /**
     * C=auto and gamma=auto: with the linear kernel C over the six decades 1e-3..1e2; with rbf C in {0.1, 1, 10}
     * crossed with gamma in {scale/3, scale, 3 scale}, either alone when the other is given. Each setting is scored by
     * 3-fold cross-validated log-loss with Platt scaling fitted on the training folds' own decision values (the
     * final fit then uses plattFolds); C=1 and gamma=scale when a class has a single example.
     */
    @Override
    protected Optional<AutoGrid> autoGrid(SvmOptions o, FeatureSet training) {
        boolean autoGamma = o.kernel() == Kernel.RBF && o.gamma() == Gamma.Rule.AUTO;
        if (o.c().isPresent() && !autoGamma) {
            return Optional.empty();
        }
        Map<String, String> fixed = new LinkedHashMap<>(o.toProperties());
        fixed.put("plattFolds", "0");
        List<NumericRange> ranges = new ArrayList<>();
        Map<String, String> fallback = new LinkedHashMap<>();
        if (autoGamma) {
            Standardizer standardizer = Standardizer.fit(training.features());
            double scale = SvmOptions.scale(standardizer.width(), variance(standardizer.transform(training.features())));
            fixed.remove("gamma");
            fallback.put("gamma", "scale");
            ranges.add(NumericRange.log("gamma", sixDigits(scale / 3), sixDigits(scale * 3)));
        } else if (o.kernel() == Kernel.LINEAR) {
            fixed.put("gamma", "scale"); // unused by the linear kernel; a fixed value, so no try chooses it again
        }
        if (o.c().isEmpty()) { // last: the grid stops early along C
            fixed.remove("C");
            fallback.put("C", "1.0");
            ranges.add(o.kernel() == Kernel.LINEAR ? NumericRange.log("C", 1e-3, 1e2) : NumericRange.log("C", 0.1, 10));
        }
        int points = ranges.size() == 1 && o.kernel() == Kernel.LINEAR ? LINEAR_POINTS : RBF_POINTS;
        return Optional.of(new AutoGrid(fixed, SearchSpace.of(ranges.toArray(NumericRange[]::new)), points, fallback));
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

    /** {@code v} to 6 significant digits, so the grid's end points read as its inner points do. */
    private static double sixDigits(double v) {
        return new BigDecimal(v).round(new MathContext(6)).doubleValue();
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
