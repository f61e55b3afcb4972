package org.xfer4j.bench.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.model.ClassificationHead;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.core.Xfer;
import org.xfer4j.repurposers.metamodel.lr.LrOptions;
import org.xfer4j.repurposers.metamodel.lr.LrProvider;
import org.xfer4j.transferability.rank.Candidate;
import org.xfer4j.transferability.rank.CandidateLayers;
import org.xfer4j.transferability.rank.Ranking;
import org.xfer4j.transferability.rank.RankingReport;
import org.xfer4j.transferability.rank.RankingResult;

/**
 * Do the transferability estimates rank candidates as training would? Per task ({@link TransferTasks}), every
 * (model, layer) candidate that {@code --layers auto} picks is scored by every estimator on the training part (the
 * product's {@link Ranking}, features through the cache), and lr with its default options (C = auto, as a user
 * runs it) is trained on the same features and judged by its accuracy on the test part; lr with C = 1 is trained
 * beside it (alternating which goes first) for the time of a fit without the search. Prints, as markdown, each
 * task's candidates and Kendall's tau-b between each estimator's scores and the test accuracies, and the time of
 * scoring every candidate against the time of training lr on every candidate, without and with the extraction of
 * the training features that both need (as the ranking run took it: uncached on a first run). Writes each task's ranking report under the output folder.
 * Usage: TransferabilityBench [output folder] [tasks: spam,fashion,mnist,tops,footwear]
 */
public final class TransferabilityBench {

    private static final List<String> ESTIMATORS = List.of("logme", "hscore", "leep", "nce", "lr");
    /** The trainer judged against: lr as a user runs it (C = auto: 3-fold cross-validated over a grid). */
    private static final LrOptions LR_DEFAULT = LrOptions.DEFAULTS;
    /** lr with C fixed at 1, the former default: the time of one fit without the search. */
    private static final LrOptions LR_FIXED = LrOptions.withC(1.0);

    private record Outcome(String task, Map<String, Double> tau, Map<String, Double> rankMillis, double trainMillis,
            double fixedMillis, double extractionMillis) {
    }

    private TransferabilityBench() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/target/transferability");
        List<String> names = List.of((args.length > 1 ? args[1] : "spam,fashion,mnist,tops,footwear").split(","));
        Files.createDirectories(out);
        System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip());
        List<Outcome> outcomes = new ArrayList<>();
        try (Xfer xfer = Xfer.builder().build()) {
            for (String name : names) {
                TransferTasks.Task task = TransferTasks.of(name, xfer.context().cacheDir(), out.resolve("data"));
                outcomes.add(run(xfer, task, out.resolve(name)));
            }
        }
        System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip());
        summary(outcomes);
    }

    private static Outcome run(Xfer xfer, TransferTasks.Task task, Path reportDir) {
        Ranking ranking = new Ranking(xfer, Ranking.estimators(xfer, ESTIMATORS), Progress.NONE);
        RankingResult r = ranking.run(task.train(), task.models(), List.of());
        new RankingReport(r).write(reportDir);
        Map<Candidate, Double> accuracy = new LinkedHashMap<>();
        Map<Candidate, Double> fixedAccuracy = new LinkedHashMap<>();
        double trainMillis = 0;
        double fixedMillis = 0;
        LrProvider lr = new LrProvider();
        for (String ref : task.models()) {
            try (SourceModel m = xfer.openModel(ref)) {
                List<String> layers = CandidateLayers.auto(m);
                // the layer list the ranking extracted (candidates and head), so the training features come from cache
                LinkedHashSet<String> extracted = new LinkedHashSet<>(layers);
                m.classificationHead().map(ClassificationHead::layer).ifPresent(extracted::add);
                FeatureMatrix train = xfer.extract(m, task.train(), List.copyOf(extracted));
                FeatureMatrix test = xfer.extract(m, task.test(), List.copyOf(extracted));
                for (int l = 0; l < layers.size(); l++) {
                    FeatureSet set = new FeatureSet(train.layer(layers.get(l)), task.train().labels(),
                            task.train().classes());
                    Candidate c = new Candidate(m.name(), layers.get(l));
                    double[] millis = new double[2];
                    for (int k = 0; k < 2; k++) {
                        boolean auto = (k + l) % 2 == 0; // alternate which fit goes first
                        long start = System.nanoTime();
                        FeatureClassifier model = lr.fit(set, auto ? LR_DEFAULT : LR_FIXED, xfer.context());
                        millis[auto ? 0 : 1] = (System.nanoTime() - start) / 1e6;
                        (auto ? accuracy : fixedAccuracy).put(c, accuracy(model, test.layer(layers.get(l)),
                                task.test()));
                    }
                    trainMillis += millis[0];
                    fixedMillis += millis[1];
                }
            }
        }
        Map<String, Double> tau = GroundTruth.taus(r, accuracy);
        Map<String, Double> rankMillis = GroundTruth.scoringMillis(r);
        System.out.printf(Locale.ROOT, "%n### %s: %d training, %d test examples%n%n", task.name(), task.train().size(),
                task.test().size());
        GroundTruth.printCandidates(r, "lr test accuracy", accuracy, Map.of("lr C=1", fixedAccuracy), tau);
        StringBuilder ms = new StringBuilder(String.format(Locale.ROOT,
                "| scoring ms, all candidates (lr training: %.0f ms; with C = 1: %.0f ms) | | | | |", trainMillis,
                fixedMillis));
        ESTIMATORS.forEach(e -> ms.append(String.format(Locale.ROOT, " %.0f |", rankMillis.get(e))));
        System.out.println(ms);
        // the ranking's extraction through the cache: the uncached time on a first run (the figures in
        // bench/README.md), near 0 on later ones
        double extractionMillis = r.extractionMillis().values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.println("\nfeature extraction of the training part in the ranking run (both need it; uncached on "
                + "a first run, from the cache later): " + GroundTruth.perModel(r.extractionMillis()));
        return new Outcome(task.name(), tau, rankMillis, trainMillis, fixedMillis, extractionMillis);
    }

    private static double accuracy(FeatureClassifier model, FeatureMatrix features, Dataset test) {
        int[] predicted = model.predict(features).labels();
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += model.classes().get(predicted[i]).equals(test.classes().get(test.label(i))) ? 1 : 0;
        }
        return right / (double) predicted.length;
    }

    private static void summary(List<Outcome> outcomes) {
        System.out.printf("%n### Summary over %d tasks%n%n", outcomes.size());
        double training = outcomes.stream().mapToDouble(Outcome::trainMillis).sum();
        double fixed = outcomes.stream().mapToDouble(Outcome::fixedMillis).sum();
        double extraction = outcomes.stream().mapToDouble(Outcome::extractionMillis).sum();
        System.out.printf(Locale.ROOT, "training lr on every candidate: %.0f ms (C = auto), %.0f ms (C = 1); extraction"
                + " of the training features in the ranking runs: %.0f ms%n%n", training, fixed, extraction);
        System.out.println("| estimator | mean tau-b | tau-b per task | scoring / lr training (C = auto) | "
                + "scoring / lr training (C = 1) | (extraction + scoring) / (extraction + lr training, C = auto) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String e : ESTIMATORS) {
            double[] taus = outcomes.stream().mapToDouble(o -> o.tau().get(e)).filter(Double::isFinite).toArray();
            double mean = java.util.Arrays.stream(taus).average().orElse(Double.NaN);
            double millis = outcomes.stream().mapToDouble(o -> o.rankMillis().get(e)).sum();
            List<String> per = outcomes.stream().map(o -> String.format(Locale.ROOT, "%.2f", o.tau().get(e))).toList();
            System.out.printf(Locale.ROOT, "| %s | %.3f (%d tasks) | %s | %.3f (%.0f ms) | %.3f | %.3f |%n", e, mean,
                    taus.length, String.join(", ", per), millis / training, millis, millis / fixed,
                    (extraction + millis) / (extraction + training));
        }
    }
}
