package org.xfer4j.repurposers.metamodel.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.Progress;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.core.tuning.CrossValidation;
import org.xfer4j.core.tuning.Fitter;
import org.xfer4j.core.tuning.HyperparameterSearch;
import org.xfer4j.core.tuning.Objective;
import org.xfer4j.core.tuning.SearchRequest;
import org.xfer4j.core.tuning.StratifiedFolds;
import org.xfer4j.core.tuning.Strategy;
import org.xfer4j.core.tuning.TuningSettings;

/**
 * Chooses a method's {@code auto} options by the host's hyper-parameter search run as a grid: each setting scored
 * by the log-loss of out-of-fold predictions from seeded, stratified k-fold cross-validation on the training data.
 * The best setting replaces the grid's fallback (the former fixed defaults) only when its log-loss is lower by more
 * than one standard error of the paired per-example difference on the same folds: on a few examples the
 * cross-validated losses of different settings are mostly noise, and then the fallback stays.
 * Few folds keep it cheap and let it run from two examples per class: k is {@value #FOLDS}, or the smallest class's
 * count when that is 2; with a single example of some class nothing can be held out, and the fallback holds.
 * Beyond {@value #MAX_EXAMPLES} examples the choice is made on a seeded stratified part of about that many, so its
 * cost stops growing with the data (the final fit still uses all of it).
 */
public final class AutoChoice {

    /** Folds of the cross-validation (fewer when the smallest class has fewer examples). */
    public static final int FOLDS = 3;
    /** The most examples the choice cross-validates on. */
    public static final int MAX_EXAMPLES = 1000;
    private static final double LOSS_FLOOR = 1e-15;

    private AutoChoice() {
    }

    /** The chosen options' values (only those the grid searches, or the fallback's). */
    public static Map<String, String> choose(FeatureRepurposerProvider provider, AutoGrid grid, FeatureSet training,
            ProviderContext context) {
        int folds = Math.min(FOLDS, smallestClass(training));
        if (folds < 2) {
            return grid.fallback();
        }
        FeatureSet part = budgeted(training, context.seed());
        Fitter fitter = Fitter.of(provider, context.withProgress(Progress.NONE)); // the tries stay quiet
        SearchRequest request = new SearchRequest(provider.id(), grid.fixed(), grid.space());
        TuningSettings settings = new TuningSettings(Strategy.GRID, grid.size(), folds, Objective.LOG_LOSS);
        Map<Map<String, String>, Predictions> seen = new HashMap<>();
        Map<String, String> best = HyperparameterSearch.run(request, fitter, part, settings, context.seed(),
                Progress.NONE, seen::put).best().options();
        // the fallback's out-of-fold predictions on the same folds as the search's (same data, folds and seed), so
        // the two settings' losses pair up example by example; the grid may have held it already
        Map<String, String> fallback = with(grid.fixed(), grid.fallback());
        Predictions fallbackPredictions = seen.containsKey(fallback) ? seen.get(fallback)
                : CrossValidation.outOfFold(fitter, part, fallback, StratifiedFolds.split(part, folds, context.seed()));
        return clearlyBetter(losses(seen.get(with(grid.fixed(), best)), part), losses(fallbackPredictions, part))
                ? best : grid.fallback();
    }

    /** Whether the mean of {@code fallback - chosen} exceeds its standard error. */
    static boolean clearlyBetter(double[] chosen, double[] fallback) {
        int n = chosen.length;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += (fallback[i] - chosen[i]) / n;
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = fallback[i] - chosen[i] - mean;
            squares += d * d;
        }
        double standardError = n > 1 ? Math.sqrt(squares / (n - 1) / n) : Double.POSITIVE_INFINITY;
        return mean > standardError;
    }

    /** Each example's negative log-probability of its true class. */
    private static double[] losses(Predictions p, FeatureSet set) {
        double[] out = new double[set.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = -Math.log(Math.max(p.probabilities()[i][set.labels()[i]], LOSS_FLOOR));
        }
        return out;
    }

    private static Map<String, String> with(Map<String, String> fixed, Map<String, String> chosen) {
        Map<String, String> all = new LinkedHashMap<>(fixed);
        all.putAll(chosen);
        return all;
    }

    /**
     * {@code training}, or above {@link #MAX_EXAMPLES} one part of a seeded stratified split of it into enough parts
     * that each holds at most about that many (the whole of it when a class is too small to be split so).
     */
    private static FeatureSet budgeted(FeatureSet training, long seed) {
        int parts = (training.size() + MAX_EXAMPLES - 1) / MAX_EXAMPLES;
        if (parts < 2 || smallestClass(training) < parts) {
            return training;
        }
        return training.select(StratifiedFolds.split(training, parts, seed)[0]);
    }

    /** The fewest examples of any class present. */
    private static int smallestClass(FeatureSet training) {
        int smallest = Integer.MAX_VALUE;
        for (int count : training.classCounts()) {
            if (count > 0) {
                smallest = Math.min(smallest, count);
            }
        }
        return smallest;
    }
}
