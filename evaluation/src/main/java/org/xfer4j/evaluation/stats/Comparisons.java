package org.xfer4j.evaluation.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.xfer4j.evaluation.study.RunRecord;

/**
 * Paired comparisons of methods over the same draws (same dataset, model, shots and repeat): for every pair the mean
 * accuracy difference with a paired-bootstrap 95 % interval, the Wilcoxon signed-rank p-value and its effect size;
 * and a ranking by mean accuracy over the draws every method completed, each method against the best, p-values
 * Holm-adjusted over those comparisons.
 */
public final class Comparisons {

    /** Significance level of the ranking's marks. */
    public static final double ALPHA = 0.05;

    /**
     * One pair of methods.
     *
     * @param a first method
     * @param b second method
     * @param draws paired draws
     * @param test Wilcoxon signed-rank of accuracy(a) - accuracy(b)
     * @param difference mean difference with its bootstrap interval
     */
    public record Pair(String a, String b, int draws, WilcoxonSignedRank test, PairedBootstrap difference) {
    }

    /**
     * One row of the ranking.
     *
     * @param rank 1 for the best
     * @param method method label
     * @param accuracy mean accuracy over the common draws
     * @param ece mean ECE over them
     * @param versusBest the comparison with the best method (null for the best itself)
     * @param holmP Holm-adjusted p-value of that comparison (NaN for the best)
     * @param significant whether the method is significantly less accurate than the best at {@link #ALPHA}
     */
    public record Rank(int rank, String method, double accuracy, double ece, Pair versusBest, double holmP,
                       boolean significant) {
    }

    private Comparisons() {
    }

    /** Every pair of methods among {@code records} (one section), in method order. */
    public static List<Pair> pairs(List<RunRecord> records, long seed) {
        Map<String, Map<String, RunRecord>> byMethod = byMethod(records);
        List<String> methods = new ArrayList<>(byMethod.keySet());
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            for (int j = i + 1; j < methods.size(); j++) {
                out.add(pair(methods.get(i), methods.get(j), byMethod, null, seed));
            }
        }
        return out;
    }

    /** The ranking of the methods among {@code records} (one section). */
    public static List<Rank> ranking(List<RunRecord> records, long seed) {
        Map<String, Map<String, RunRecord>> byMethod = byMethod(records);
        if (byMethod.isEmpty()) {
            return List.of();
        }
        Set<String> common = null;
        for (Map<String, RunRecord> m : byMethod.values()) {
            if (common == null) {
                common = new java.util.HashSet<>(m.keySet());
            } else {
                common.retainAll(m.keySet());
            }
        }
        Set<String> draws = common;
        Map<String, Double> accuracy = new HashMap<>();
        Map<String, Double> ece = new HashMap<>();
        byMethod.forEach((method, runs) -> {
            accuracy.put(method, draws.stream().mapToDouble(d -> runs.get(d).accuracy()).average().orElse(Double.NaN));
            ece.put(method, draws.stream().mapToDouble(d -> runs.get(d).ece()).average().orElse(Double.NaN));
        });
        List<String> order = byMethod.keySet().stream()
                .sorted(Comparator.comparingDouble((String m) -> accuracy.get(m)).reversed()).toList();
        String best = order.getFirst();
        List<Pair> versus = order.stream().skip(1).map(m -> pair(best, m, byMethod, draws, seed)).toList();
        double[] holm = holm(versus.stream().mapToDouble(p -> p.test().p()).toArray());
        List<Rank> out = new ArrayList<>();
        out.add(new Rank(1, best, accuracy.get(best), ece.get(best), null, Double.NaN, false));
        for (int i = 0; i < versus.size(); i++) {
            String m = order.get(i + 1);
            out.add(new Rank(i + 2, m, accuracy.get(m), ece.get(m), versus.get(i), holm[i],
                    holm[i] < ALPHA && versus.get(i).difference().mean() > 0));
        }
        return out;
    }

    private static Pair pair(String a, String b, Map<String, Map<String, RunRecord>> byMethod, Set<String> only,
                             long seed) {
        Map<String, RunRecord> ra = byMethod.get(a);
        Map<String, RunRecord> rb = byMethod.get(b);
        List<String> draws = ra.keySet().stream().filter(rb::containsKey).filter(d -> only == null || only.contains(d))
                .toList();
        double[] diff = draws.stream().mapToDouble(d -> ra.get(d).accuracy() - rb.get(d).accuracy()).toArray();
        return new Pair(a, b, diff.length, WilcoxonSignedRank.of(diff), PairedBootstrap.of(diff, seed));
    }

    /** Holm's step-down adjustment: sorted p-values times (m - i), made monotone, capped at 1. */
    static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = java.util.stream.IntStream.range(0, m).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        double[] out = new double[m];
        double running = 0;
        for (int i = 0; i < m; i++) {
            running = Math.max(running, Math.min(1, p[order[i]] * (m - i)));
            out[order[i]] = running;
        }
        return out;
    }

    private static Map<String, Map<String, RunRecord>> byMethod(List<RunRecord> records) {
        return records.stream().filter(RunRecord::ok).collect(Collectors.groupingBy(RunRecord::method,
                LinkedHashMap::new, Collectors.toMap(RunRecord::drawKey, r -> r, (x, y) -> y, LinkedHashMap::new)));
    }
}
