package org.xfer4j.bench.metamodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.core.calibration.Calibration;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.core.tuning.Fitter;
import org.xfer4j.core.tuning.HyperparameterSearch;
import org.xfer4j.core.tuning.Objective;
import org.xfer4j.core.tuning.SearchRequest;
import org.xfer4j.core.tuning.Strategy;
import org.xfer4j.core.tuning.Trial;
import org.xfer4j.core.tuning.TuningResult;
import org.xfer4j.core.tuning.TuningSettings;
import org.xfer4j.repurposers.metamodel.lr.LrProvider;
import org.xfer4j.repurposers.metamodel.svm.SvmProvider;

/**
 * Hyper-parameter search and temperature scaling on few-shot draws of prepared splits: for each dataset, method and
 * seed, k examples per class are drawn from the training part; the method's declared space is searched by Bayesian
 * optimisation and by random search with the same budget (5-fold CV log-loss on the draw only), and the defaults,
 * the two tuned models and the temperature-scaled defaults are evaluated on the whole test part. Prints markdown
 * tables of means over seeds.
 * Usage: TuningBench DIR SHOTS EVALUATIONS SEEDS NAME... (reads DIR/NAME.train.csv and DIR/NAME.test.csv)
 */
public final class TuningBench {

    private static final int FOLDS = 5;

    private TuningBench() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int shots = Integer.parseInt(args[1]);
        int evaluations = Integer.parseInt(args[2]);
        int seeds = Integer.parseInt(args[3]);
        List<FeatureRepurposerProvider> providers = List.of(new LrProvider(), new SvmProvider());
        StringBuilder tuned = new StringBuilder("| dataset | method | defaults acc | defaults NLL | bayes acc | bayes NLL "
                + "| random acc | random NLL | best CV log-loss: defaults / bayes / random | bayes beats random (seeds) "
                + "| search s (bayes / random) |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder trace = new StringBuilder("| dataset | method | evaluations | bayes best CV log-loss | random best "
                + "CV log-loss |\n|---|---|---|---|---|\n");
        StringBuilder calibration = new StringBuilder("| dataset | method | T (mean) | test NLL before | after | test ECE "
                + "before | after |\n|---|---|---|---|---|---|---|\n");
        for (int a = 4; a < args.length; a++) {
            String name = args[a];
            FeatureSet train = FeatureCsv.read(dir.resolve(name + ".train.csv"));
            FeatureSet test = FeatureCsv.read(dir.resolve(name + ".test.csv"));
            for (FeatureRepurposerProvider p : providers) {
                Fitter fitter = Fitter.of(p, ProviderContext.defaults());
                Map<String, String> auto = new java.util.LinkedHashMap<>();
                p.searchSpace().options().forEach(o -> auto.put(o, SearchRequest.AUTO));
                SearchRequest request = SearchRequest.parse(p, auto);
                double[] m = new double[11];
                double[][] curve = new double[2][evaluations];
                int bayesWins = 0;
                double[] cal = new double[5];
                for (int seed = 0; seed < seeds; seed++) {
                    FeatureSet draw = FewShotCalibration.draw(train, shots, seed);
                    Evaluation defaults = evaluate(fitter, draw, Map.of(), test);
                    long t0 = System.nanoTime();
                    TuningResult bayes = HyperparameterSearch.run(request, fitter, draw,
                            new TuningSettings(Strategy.BAYES, evaluations, FOLDS, Objective.LOG_LOSS), seed,
                            Progress.NONE);
                    long t1 = System.nanoTime();
                    TuningResult random = HyperparameterSearch.run(request, fitter, draw,
                            new TuningSettings(Strategy.RANDOM, evaluations, FOLDS, Objective.LOG_LOSS), seed,
                            Progress.NONE);
                    long t2 = System.nanoTime();
                    Evaluation b = evaluate(fitter, draw, bayes.bestOptions(), test);
                    Evaluation r = evaluate(fitter, draw, random.bestOptions(), test);
                    double[] v = {defaults.accuracy(), defaults.nll(), b.accuracy(), b.nll(), r.accuracy(), r.nll(),
                            bayes.trials().getFirst().score(), bayes.best().score(), random.best().score(),
                            (t1 - t0) / 1e9, (t2 - t1) / 1e9};
                    for (int i = 0; i < v.length; i++) {
                        m[i] += v[i] / seeds;
                    }
                    bayesWins += bayes.best().score() < random.best().score() ? 1 : 0;
                    accumulate(curve[0], bayes.trials(), seeds);
                    accumulate(curve[1], random.trials(), seeds);
                    Calibration c = Calibration.crossValidated(fitter, draw, Map.of(), FOLDS, seed);
                    Predictions before = fitter.fit(draw, Map.of()).predict(test.features());
                    Evaluation eb = Metrics.evaluate(before, test.labels());
                    Evaluation ea = Metrics.evaluate(c.temperature().apply(before), test.labels());
                    double[] w = {c.temperature().value(), eb.nll(), ea.nll(), eb.ece(), ea.ece()};
                    for (int i = 0; i < w.length; i++) {
                        cal[i] += w[i] / seeds;
                    }
                    System.err.printf(Locale.ROOT, "%s %s seed %d: bayes %s, random %s%n", name, p.id(), seed,
                            bayes.bestOptions(), random.bestOptions());
                }
                tuned.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f / "
                        + "%.4f / %.4f | %d of %d | %.1f / %.1f |%n", name, p.id(), m[0], m[1], m[2], m[3], m[4], m[5],
                        m[6], m[7], m[8], bayesWins, seeds, m[9], m[10]));
                for (int e : new int[] {5, 10, evaluations}) {
                    trace.append(String.format(Locale.ROOT, "| %s | %s | %d | %.4f | %.4f |%n", name, p.id(), e,
                            curve[0][e - 1], curve[1][e - 1]));
                }
                calibration.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.4f | %.4f | %.4f | %.4f |%n",
                        name, p.id(), cal[0], cal[1], cal[2], cal[3], cal[4]));
            }
        }
        System.out.printf("Tuned against defaults, %d per class, %d evaluations, %d-fold CV log-loss, mean of %d seeds:%n%n%s%n",
                shots, evaluations, FOLDS, seeds, tuned);
        System.out.printf("Best CV log-loss after n evaluations (mean of %d seeds):%n%n%s%n", seeds, trace);
        System.out.printf("Temperature scaling of the defaults (fitted on %d-fold out-of-fold predictions of the draw):%n%n%s",
                FOLDS, calibration);
    }

    private static Evaluation evaluate(Fitter fitter, FeatureSet draw, Map<String, String> options, FeatureSet test) {
        FeatureClassifier c = fitter.fit(draw, options);
        return Metrics.evaluate(c.predict(test.features()), test.labels());
    }

    /** Adds the best score after each evaluation, divided by {@code seeds}, to {@code curve}. */
    private static void accumulate(double[] curve, List<Trial> trials, int seeds) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < curve.length; i++) {
            Trial t = trials.get(i);
            if (t.succeeded()) {
                best = Math.min(best, t.score());
            }
            curve[i] += best / seeds;
        }
    }
}
