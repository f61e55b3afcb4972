package org.xfer4j.evaluation.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.xfer4j.evaluation.study.RunRecord;

/**
 * Mean and spread of one method at one number of shots on one dataset and model, over its successful runs.
 *
 * @param section dataset, model and layers the runs share (see {@link #sectionOf})
 * @param method method label
 * @param shots examples per class, or all
 * @param runs successful runs
 * @param failed failed runs
 * @param trainSize mean training examples
 * @param accuracy mean accuracy
 * @param accuracySd its standard deviation over runs
 * @param accuracyCi half-width of its 95 % confidence interval (Student's t)
 * @param macroF1 mean macro-F1
 * @param nll mean NLL
 * @param ece mean ECE
 * @param eceCi half-width of the ECE's 95 % confidence interval
 * @param brier mean Brier score
 * @param fitMillis mean fit time
 * @param predictMillis mean predict time
 * @param peakHeapMb largest peak heap
 */
public record Summary(String section, String method, int shots, int runs, int failed, double trainSize,
                      double accuracy, double accuracySd, double accuracyCi, double macroF1, double nll, double ece,
                      double eceCi, double brier, double fitMillis, double predictMillis, double peakHeapMb) {

    /** The section a run belongs to: dataset, and model with its layers. */
    public static String sectionOf(RunRecord r) {
        return r.dataset() + " · " + r.model() + (r.layers().isEmpty() ? "" : " [" + r.layers() + "]");
    }

    /** Summaries per (section, method, shots), in the order runs were made. */
    public static List<Summary> of(List<RunRecord> records) {
        Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
        for (RunRecord r : records) {
            groups.computeIfAbsent(sectionOf(r) + "\u001f" + r.method() + "\u001f" + r.shots(),
                    k -> new ArrayList<>()).add(r);
        }
        List<Summary> out = new ArrayList<>();
        for (List<RunRecord> all : groups.values()) {
            List<RunRecord> g = all.stream().filter(RunRecord::ok).toList();
            RunRecord first = all.getFirst();
            int n = g.size();
            double acc = mean(g, RunRecord::accuracy);
            double accSd = sd(g, RunRecord::accuracy, acc);
            double ece = mean(g, RunRecord::ece);
            double eceSd = sd(g, RunRecord::ece, ece);
            double t = NormalCdf.t95(n - 1);
            out.add(new Summary(sectionOf(first), first.method(), first.shots(), n, all.size() - n,
                    all.stream().mapToInt(RunRecord::trainSize).average().orElse(0), acc, accSd, n > 1 ? t * accSd / Math.sqrt(n) : 0,
                    mean(g, RunRecord::macroF1), mean(g, RunRecord::nll), ece, n > 1 ? t * eceSd / Math.sqrt(n) : 0,
                    mean(g, RunRecord::brier), mean(g, RunRecord::fitMillis), mean(g, RunRecord::predictMillis),
                    g.stream().mapToDouble(RunRecord::peakHeapMb).max().orElse(Double.NaN)));
        }
        return out;
    }

    private static double mean(List<RunRecord> g, ToDoubleFunction<RunRecord> f) {
        return g.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double sd(List<RunRecord> g, ToDoubleFunction<RunRecord> f, double mean) {
        if (g.size() < 2) {
            return 0;
        }
        return Math.sqrt(g.stream().mapToDouble(r -> Math.pow(f.applyAsDouble(r) - mean, 2)).sum() / (g.size() - 1));
    }
}
