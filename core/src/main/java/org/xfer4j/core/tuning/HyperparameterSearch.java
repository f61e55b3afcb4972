package org.xfer4j.core.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.XferException;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.core.metrics.Metrics;

/**
 * Searches a method's options: each trial cross-validates one setting on the training part (the same seeded
 * stratified folds for every trial), the strategy proposes the next from the losses so far, and the budget of
 * evaluations is the same whatever the strategy. The first trial is the method's defaults for the searched options,
 * so the chosen options are never worse than the defaults on these folds. A setting the method throws on is recorded as a failed trial and
 * counts as the worst loss seen, so the search moves away from it.
 */
public final class HyperparameterSearch {

    private HyperparameterSearch() {
    }

    /**
     * Runs the search {@code request} asks for on {@code training}.
     *
     * @throws InvalidOptionException when nothing is searched
     * @throws org.xfer4j.api.InvalidInputException when a class has fewer examples than folds
     */
    public static TuningResult run(SearchRequest request, Fitter fitter, FeatureSet training,
            TuningSettings settings, long seed, Progress progress) {
        return run(request, fitter, training, settings, seed, progress, (options, predictions) -> { });
    }

    /**
     * Like {@link #run(SearchRequest, Fitter, FeatureSet, TuningSettings, long, Progress)}, handing each successful
     * trial's options (fixed ones included) and out-of-fold predictions to {@code observer}, for callers that
     * compare settings example by example.
     */
    public static TuningResult run(SearchRequest request, Fitter fitter, FeatureSet training,
            TuningSettings settings, long seed, Progress progress,
            BiConsumer<Map<String, String>, Predictions> observer) {
        InvalidOptionException.require(request.isSearch(), "no option of " + request.method()
                + " is searched: mark one auto or give a range, e.g. -o C=auto");
        training.requireTrainable();
        int[][] folds = StratifiedFolds.split(training, settings.folds(), seed);
        List<Trial> trials = new ArrayList<>();
        progress.start("searching " + request.space().options() + " of " + request.method() + " ("
                + settings.strategy().label() + ", " + settings.folds() + "-fold " + settings.objective().label()
                + ")", settings.evaluations());
        List<Proposer.Observation> prior = new ArrayList<>();
        if (!request.defaults().isEmpty()) {
            double loss = evaluate(request.defaults(), request, fitter, training, folds, settings, trials, progress,
                    observer);
            if (!Double.isNaN(loss)) {
                request.defaultsPoint().ifPresent(u -> prior.add(new Proposer.Observation(u, loss)));
            }
        }
        minimise(u -> evaluate(request.searchedAt(u), request, fitter, training, folds, settings, trials, progress,
                        observer),
                request, settings.strategy().proposer(request.space().size(), settings.evaluations() - trials.size(), seed),
                settings.evaluations() - trials.size(), prior);
        progress.finish();
        return new TuningResult(request.method(), settings, seed, request.fixed(), trials);
    }

    /** Cross-validates one setting, records it as the next trial, and returns its loss (NaN when it failed). */
    private static double evaluate(Map<String, String> searched, SearchRequest request, Fitter fitter,
            FeatureSet training, int[][] folds, TuningSettings settings, List<Trial> trials, Progress progress,
            BiConsumer<Map<String, String>, Predictions> observer) {
        progress.checkCancelled();
        Map<String, String> options = new LinkedHashMap<>(request.fixed());
        options.putAll(searched);
        long start = System.nanoTime();
        double score;
        String failure = null;
        try {
            Predictions predictions = CrossValidation.outOfFold(fitter, training, options, folds);
            score = settings.objective().score(Metrics.evaluate(predictions, training.labels()));
            observer.accept(options, predictions);
        } catch (Progress.CancelledException e) {
            throw e;
        } catch (XferException | ArithmeticException | IllegalStateException e) {
            score = Double.NaN;
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        trials.add(new Trial(trials.size(), searched, score, (System.nanoTime() - start) / 1_000_000, failure));
        progress.advance(1);
        return Double.isNaN(score) ? Double.NaN : settings.objective() == Objective.LOG_LOSS ? score : -score;
    }

    /** Like {@link #minimise(ToDoubleFunction, SearchRequest, Proposer, int, List)} with nothing observed before. */
    public static List<Proposer.Observation> minimise(ToDoubleFunction<double[]> loss, SearchRequest request,
            Proposer proposer, int evaluations) {
        return minimise(loss, request, proposer, evaluations, List.of());
    }

    /**
     * Spends {@code evaluations} evaluations of {@code loss} (NaN for a failed point) at points {@code proposer}
     * chooses, snapped to the settings {@code request} decodes them to, after the {@code prior} observations (which
     * the proposer sees but which are not returned); returns what was observed, in order. Stops early when the
     * proposer has nothing more to propose (a grid, exhausted).
     */
    public static List<Proposer.Observation> minimise(ToDoubleFunction<double[]> loss, SearchRequest request,
            Proposer proposer, int evaluations, List<Proposer.Observation> prior) {
        List<Proposer.Observation> observed = new ArrayList<>();
        List<Proposer.Observation> history = new ArrayList<>(prior);
        double worst = Double.NEGATIVE_INFINITY;
        List<double[]> failed = new ArrayList<>();
        for (int i = 0; i < evaluations; i++) {
            double[] proposed = proposer.next(history);
            if (proposed == null) {
                break;
            }
            double[] u = request.snap(proposed);
            double value = loss.applyAsDouble(u);
            observed.add(new Proposer.Observation(u, value));
            if (Double.isNaN(value)) {
                failed.add(u);
            } else {
                worst = Math.max(worst, value);
            }
            // failed points enter the proposer's history at the worst loss seen so far
            history.clear();
            history.addAll(prior);
            for (Proposer.Observation o : observed) {
                if (!Double.isNaN(o.loss())) {
                    history.add(o);
                }
            }
            if (worst > Double.NEGATIVE_INFINITY) {
                for (double[] f : failed) {
                    history.add(new Proposer.Observation(f, worst));
                }
            }
        }
        return observed;
    }
}
