package org.xfer4j.bench.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.Progress;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.bench.text.TextFinetuneBench;
import org.xfer4j.core.Xfer;
import org.xfer4j.transferability.rank.Candidate;
import org.xfer4j.transferability.rank.CandidateLayers;
import org.xfer4j.transferability.rank.Ranking;
import org.xfer4j.transferability.rank.RankingReport;
import org.xfer4j.transferability.rank.RankingResult;

/**
 * Transferability estimates against fine-tuning: per image task ({@link TransferTasks}, training part cut to a few
 * examples per class), each MobileNetV2 layer {@code --layers auto} picks is a fine-tuning candidate ({@code finetune}
 * with {@code transferLayer} at that layer: the graph cut there, a new head on top, everything trained) judged by
 * its test accuracy; the estimators score the same candidates on the same training part. Prints each task's
 * candidates with Kendall's tau-b of each estimator against the fine-tuned accuracies (and of lr's accuracy, C =
 * auto on the frozen features, against them), and the time of ranking (scoring, and the uncached extraction it
 * needs) against the time of fine-tuning every candidate.
 * Usage: FinetuneTransferabilityBench [output folder] [tasks: tops,footwear] [examples per class to train: 20]
 * [finetune options: epochs=6,batchSize=16]
 */
public final class FinetuneTransferabilityBench {

    private static final List<String> ESTIMATORS = List.of("logme", "hscore", "lr");
    private static final String MODEL = "mobilenet-v2";

    private FinetuneTransferabilityBench() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/target/transferability-finetune");
        List<String> names = List.of((args.length > 1 ? args[1] : "tops,footwear").split(","));
        int perClass = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Map<String, String> options = new LinkedHashMap<>();
        for (String kv : (args.length > 3 ? args[3] : "epochs=6,batchSize=16").split(",")) {
            options.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        Files.createDirectories(out);
        System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip() + "; finetune " + options);
        List<String> summary = new ArrayList<>();
        try (Xfer xfer = Xfer.builder().build()) {
            for (String name : names) {
                TransferTasks.Task task = TransferTasks.of(name, xfer.context().cacheDir(), out.resolve("data"))
                        .fewer(perClass);
                summary.add(run(xfer, task, options, out.resolve(name)));
            }
        }
        System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf("%n### Summary%n%n| task | %s | tau-b of lr accuracy (frozen features, C = auto) | finetune s "
                + "| extraction s | scoring s: %s | (extraction + scoring) / finetune: %s |%n",
                String.join(" | ", ESTIMATORS.stream().map(e -> "tau-b " + e).toList()),
                String.join(", ", ESTIMATORS), String.join(", ", ESTIMATORS));
        System.out.println("|---|" + "---|".repeat(ESTIMATORS.size() + 5));
        summary.forEach(System.out::println);
    }

    private static String run(Xfer xfer, TransferTasks.Task task, Map<String, String> options, Path reportDir)
            throws IOException {
        Ranking ranking = new Ranking(xfer, Ranking.estimators(xfer, ESTIMATORS), Progress.NONE);
        RankingResult r = ranking.run(task.train(), List.of(MODEL), List.of());
        new RankingReport(r).write(reportDir);
        Map<Candidate, Double> finetuned = new LinkedHashMap<>();
        Map<Candidate, Double> frozen = new LinkedHashMap<>();
        double finetuneMillis = 0;
        double extractionMillis;
        System.out.printf(Locale.ROOT, "%n%s: %d training, %d test examples%n", task.name(), task.train().size(),
                task.test().size());
        try (SourceModel m = xfer.openModel(MODEL)) {
            List<String> layers = CandidateLayers.auto(m);
            extractionMillis = GroundTruth.coldExtractionMillis(xfer, m, task.train(), layers);
            for (String layer : layers) {
                Candidate c = new Candidate(m.name(), layer);
                Map<String, String> o = new LinkedHashMap<>(options);
                o.put("transferLayer", layer);
                long start = System.nanoTime();
                try (RepurposedModel tuned = xfer.repurpose("finetune", m, List.of(layer), task.train(), o)) {
                    double ms = (System.nanoTime() - start) / 1e6;
                    finetuneMillis += ms;
                    finetuned.put(c, xfer.evaluate(tuned, task.test()).accuracy());
                    System.out.printf(Locale.ROOT, "  finetune from %s: accuracy %.4f, fit %.1f s, peak RSS %d MB%n",
                            layer, finetuned.get(c), ms / 1e3, TextFinetuneBench.peakMb());
                }
                try (RepurposedModel lr = xfer.repurpose("lr", m, List.of(layer), task.train(), Map.of())) {
                    frozen.put(c, xfer.evaluate(lr, task.test()).accuracy());
                }
            }
        }
        Map<String, Double> tau = GroundTruth.taus(r, finetuned);
        Map<String, Double> scoring = GroundTruth.scoringMillis(r);
        System.out.printf(Locale.ROOT, "%n### %s: %d training, %d test examples%n%n", task.name(), task.train().size(),
                task.test().size());
        GroundTruth.printCandidates(r, "finetune test accuracy", finetuned, Map.of("lr test accuracy", frozen), tau);
        System.out.printf(Locale.ROOT, "%nfine-tuning every candidate %.0f ms; uncached extraction of the training "
                + "features %.0f ms; scoring every candidate: %s%n", finetuneMillis, extractionMillis,
                GroundTruth.perModel(scoring));
        double fm = finetuneMillis;
        double em = extractionMillis;
        List<Candidate> cs = List.copyOf(finetuned.keySet());
        return String.format(Locale.ROOT, "| %s | %s | %.3f | %.0f | %.1f | %s | %s |", task.name(),
                String.join(" | ", ESTIMATORS.stream().map(e -> String.format(Locale.ROOT, "%.3f", tau.get(e)))
                        .toList()),
                org.xfer4j.transferability.rank.KendallTau.of(cs.stream().mapToDouble(frozen::get).toArray(),
                        cs.stream().mapToDouble(finetuned::get).toArray()),
                fm / 1e3, em / 1e3,
                String.join(", ", ESTIMATORS.stream().map(e -> String.format(Locale.ROOT, "%.2f",
                        scoring.get(e) / 1e3)).toList()),
                String.join(", ", ESTIMATORS.stream().map(e -> String.format(Locale.ROOT, "%.4f",
                        (em + scoring.get(e)) / fm)).toList()));
    }
}
