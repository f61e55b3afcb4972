package org.xfer4j.bench.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureExtractor;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.transferability.rank.Candidate;
import org.xfer4j.transferability.rank.CandidateScore;
import org.xfer4j.transferability.rank.KendallTau;
import org.xfer4j.transferability.rank.RankingResult;

/**
 * What the transferability benches share: Kendall's tau-b of each estimator's scores against a ground truth (the
 * test accuracy of a trainer on each candidate), the estimators' summed scoring times, the uncached time of
 * extracting a model's candidate features, and the markdown table of every candidate.
 */
final class GroundTruth {

    private GroundTruth() {
    }

    /** Per estimator, tau-b of its scores with {@code truth} over the candidates it scored (NaN under 2). */
    static Map<String, Double> taus(RankingResult r, Map<Candidate, Double> truth) {
        Map<String, Double> tau = new LinkedHashMap<>();
        for (String e : r.estimators()) {
            List<Candidate> scored = r.candidates().stream().filter(c -> r.score(c, e).ok()).toList();
            tau.put(e, scored.size() < 2 ? Double.NaN : KendallTau.of(
                    scored.stream().mapToDouble(c -> r.score(c, e).score()).toArray(),
                    scored.stream().mapToDouble(truth::get).toArray()));
        }
        return tau;
    }

    /** Per estimator, the milliseconds it spent scoring every candidate. */
    static Map<String, Double> scoringMillis(RankingResult r) {
        Map<String, Double> ms = new LinkedHashMap<>();
        for (String e : r.estimators()) {
            ms.put(e, r.candidates().stream().mapToDouble(c -> r.score(c, e).millis()).sum());
        }
        return ms;
    }

    /**
     * Milliseconds to extract {@code layers} of {@code model} for {@code data} without the feature cache (an
     * extractor opened afresh, as on a user's first run): the extraction both ranking and feature-based training
     * need, timed the same way whatever the cache holds.
     */
    static double coldExtractionMillis(Xfer xfer, SourceModel model, Dataset data, List<String> layers) {
        long start = System.nanoTime();
        try (FeatureExtractor extractor = xfer.registry().featureExtractor(model)
                .open(model, ExtractionOptions.DEFAULT, xfer.context())) {
            extractor.extract(data, layers, Progress.NONE);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * Prints every candidate, best first by {@code truth} (column {@code truthName}, with {@code others} beside it),
     * with each estimator's score and rank, and the tau-b row.
     */
    static void printCandidates(RankingResult r, String truthName, Map<Candidate, Double> truth,
            Map<String, Map<Candidate, Double>> others, Map<String, Double> tau) {
        StringBuilder h = new StringBuilder("| model | layer | dims | " + truthName + " |");
        others.keySet().forEach(o -> h.append(' ').append(o).append(" |"));
        r.estimators().forEach(e -> h.append(' ').append(e).append(" |"));
        System.out.println(h);
        System.out.println("|---|---|---|---|" + "---|".repeat(others.size() + r.estimators().size()));
        List<Candidate> byTruth = truth.keySet().stream()
                .sorted((a, b) -> Double.compare(truth.get(b), truth.get(a))).toList();
        for (Candidate c : byTruth) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %d | %.4f |", c.model(),
                    c.layer(), r.score(c, r.estimators().getFirst()).dimensions(), truth.get(c)));
            others.values().forEach(o -> row.append(String.format(Locale.ROOT, " %.4f |", o.get(c))));
            for (String e : r.estimators()) {
                CandidateScore s = r.score(c, e);
                row.append(s.ok() ? String.format(Locale.ROOT, " %.4f (%d) |", s.score(), r.rank(c, e)) : " - |");
            }
            System.out.println(row);
        }
        StringBuilder t = new StringBuilder("| Kendall's tau-b with " + truthName + " | | | |");
        for (Map<Candidate, Double> o : others.values()) {
            List<Candidate> cs = List.copyOf(truth.keySet());
            t.append(String.format(Locale.ROOT, " %.3f |", KendallTau.of(
                    cs.stream().mapToDouble(o::get).toArray(), cs.stream().mapToDouble(truth::get).toArray())));
        }
        r.estimators().forEach(e -> t.append(String.format(Locale.ROOT, " %.3f |", tau.get(e))));
        System.out.println(t);
    }

    /** "model N ms, ..." for per-model milliseconds. */
    static String perModel(Map<String, Double> millis) {
        List<String> parts = new ArrayList<>();
        millis.forEach((m, v) -> parts.add(String.format(Locale.ROOT, "%s %.0f ms", m, v)));
        return String.join(", ", parts);
    }
}
