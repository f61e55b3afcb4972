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
import org.xfer4j.transferability.rank.CandidateScore;
import org.xfer4j.transferability.rank.KendallTau;
import org.xfer4j.transferability.rank.Ranking;
import org.xfer4j.transferability.rank.RankingReport;
import org.xfer4j.transferability.rank.RankingResult;

/**
 * Do the transferability estimates rank candidates as training would? Per task ({@link TransferTasks}), every
 * (model, layer) candidate that {@code --layers auto} picks is scored by every estimator on the training part (the
 * product's {@link Ranking}, features through the cache), and lr (C = 1) is trained on the same features
 * and judged by its accuracy on the test part. Prints, as markdown, each task's candidates and Kendall's tau-b
 * between each estimator's scores and the test accuracies, with the time of scoring every candidate against the
 * time of training lr on every candidate (extraction, which both need, is timed apart). Writes each task's ranking
 * report (CSV, JSON, HTML) under the output folder.
 * Usage: TransferabilityBench [output folder] [tasks: spam,fashion,mnist,tops,footwear]
 */
public final class TransferabilityBench {

    private static final List<String> ESTIMATORS = List.of("logme", "hscore", "leep", "nce", "lr");
    /** The trainer judged against: lr with C = 1 (its default when the figures in bench/README.md were measured). */
    private static final LrOptions LR_OPTIONS = LrOptions.withC(1.0);

    private record Outcome(String task, Map<String, Double> tau, Map<String, Double> rankMillis, double trainMillis,
            int candidates) {
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
        summary(outcomes);
    }

    private static Outcome run(Xfer xfer, TransferTasks.Task task, Path reportDir) {
        Ranking ranking = new Ranking(xfer, Ranking.estimators(xfer, ESTIMATORS), Progress.NONE);
        RankingResult r = ranking.run(task.train(), task.models(), List.of());
        new RankingReport(r).write(reportDir);
        Map<Candidate, Double> accuracy = new LinkedHashMap<>();
        double trainMillis = 0;
        LrProvider lr = new LrProvider();
        for (String ref : task.models()) {
            try (SourceModel m = xfer.openModel(ref)) {
                List<String> layers = CandidateLayers.auto(m);
                // the layer list the ranking extracted (candidates and head), so the training features come from cache
                LinkedHashSet<String> extracted = new LinkedHashSet<>(layers);
                m.classificationHead().map(ClassificationHead::layer).ifPresent(extracted::add);
                FeatureMatrix train = xfer.extract(m, task.train(), List.copyOf(extracted));
                FeatureMatrix test = xfer.extract(m, task.test(), List.copyOf(extracted));
                for (String layer : layers) {
                    FeatureSet set = new FeatureSet(train.layer(layer), task.train().labels(), task.train().classes());
                    long start = System.nanoTime();
                    FeatureClassifier model = lr.fit(set, LR_OPTIONS, xfer.context());
                    trainMillis += (System.nanoTime() - start) / 1e6;
                    int[] predicted = model.predict(test.layer(layer)).labels();
                    int right = 0;
                    for (int i = 0; i < predicted.length; i++) {
                        right += model.classes().get(predicted[i])
                                .equals(task.test().classes().get(task.test().label(i))) ? 1 : 0;
                    }
                    accuracy.put(new Candidate(m.name(), layer), right / (double) predicted.length);
                }
            }
        }
        Map<String, Double> tau = new LinkedHashMap<>();
        Map<String, Double> rankMillis = new LinkedHashMap<>();
        for (String e : ESTIMATORS) {
            List<Candidate> scored = r.candidates().stream().filter(c -> r.score(c, e).ok()).toList();
            rankMillis.put(e, r.candidates().stream().mapToDouble(c -> r.score(c, e).millis()).sum());
            tau.put(e, scored.size() < 2 ? Double.NaN : KendallTau.of(
                    scored.stream().mapToDouble(c -> r.score(c, e).score()).toArray(),
                    scored.stream().mapToDouble(accuracy::get).toArray()));
        }
        print(task, r, accuracy, tau, rankMillis, trainMillis);
        return new Outcome(task.name(), tau, rankMillis, trainMillis, r.candidates().size());
    }

    private static void print(TransferTasks.Task task, RankingResult r, Map<Candidate, Double> accuracy,
            Map<String, Double> tau, Map<String, Double> rankMillis, double trainMillis) {
        System.out.printf(Locale.ROOT, "%n### %s: %d training, %d test examples%n%n", task.name(), task.train().size(),
                task.test().size());
        StringBuilder h = new StringBuilder("| model | layer | dims | lr test accuracy |");
        ESTIMATORS.forEach(e -> h.append(' ').append(e).append(" |"));
        System.out.println(h);
        System.out.println("|---|---|---|---|" + "---|".repeat(ESTIMATORS.size()));
        List<Candidate> byAccuracy = accuracy.keySet().stream()
                .sorted((a, b) -> Double.compare(accuracy.get(b), accuracy.get(a))).toList();
        for (Candidate c : byAccuracy) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %d | %.4f |", c.model(),
                    c.layer(), r.score(c, ESTIMATORS.getFirst()).dimensions(), accuracy.get(c)));
            for (String e : ESTIMATORS) {
                CandidateScore s = r.score(c, e);
                row.append(s.ok() ? String.format(Locale.ROOT, " %.4f (%d) |", s.score(), r.rank(c, e)) : " - |");
            }
            System.out.println(row);
        }
        StringBuilder t = new StringBuilder("| Kendall's tau-b with lr test accuracy | | | |");
        ESTIMATORS.forEach(e -> t.append(String.format(Locale.ROOT, " %.3f |", tau.get(e))));
        System.out.println(t);
        StringBuilder ms = new StringBuilder(String.format(Locale.ROOT,
                "| scoring ms, all candidates (lr training: %.0f ms) | | | |", trainMillis));
        ESTIMATORS.forEach(e -> ms.append(String.format(Locale.ROOT, " %.0f |", rankMillis.get(e))));
        System.out.println(ms);
        List<String> extraction = new ArrayList<>();
        r.extractionMillis().forEach((m, v) -> extraction.add(String.format(Locale.ROOT, "%s %.0f ms", m, v)));
        System.out.println("\nfeature extraction of the training part (both need it; 0-ish when cached): "
                + String.join(", ", extraction));
    }

    private static void summary(List<Outcome> outcomes) {
        System.out.printf("%n### Summary over %d tasks%n%n", outcomes.size());
        System.out.println("| estimator | mean tau-b | tau-b per task | scoring time / lr training time |");
        System.out.println("|---|---|---|---|");
        double training = outcomes.stream().mapToDouble(Outcome::trainMillis).sum();
        for (String e : ESTIMATORS) {
            double[] taus = outcomes.stream().mapToDouble(o -> o.tau().get(e)).filter(Double::isFinite).toArray();
            double mean = java.util.Arrays.stream(taus).average().orElse(Double.NaN);
            double millis = outcomes.stream().mapToDouble(o -> o.rankMillis().get(e)).sum();
            List<String> per = outcomes.stream().map(o -> String.format(Locale.ROOT, "%.2f", o.tau().get(e))).toList();
            System.out.printf(Locale.ROOT, "| %s | %.3f (%d tasks) | %s | %.3f (%.0f / %.0f ms) |%n", e, mean,
                    taus.length, String.join(", ", per), millis / training, millis, training);
        }
    }
}
