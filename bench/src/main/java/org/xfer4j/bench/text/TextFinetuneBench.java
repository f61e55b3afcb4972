package org.xfer4j.bench.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.data.split.Splits;
import org.xfer4j.data.text.SpamAssassin;

/**
 * Fine-tuning all-MiniLM-L6-v2 (full precision) on the SpamAssassin subject lines against a logistic-regression head
 * on frozen features (of the same model, and of bge-small-en-v1.5, the quickstart's text model), on the product's
 * stratified 70/30 split: at k examples per class (seeded draws as the quickstart draws them) and on the whole
 * training part. Prints accuracy on the whole test part, fit time, time per epoch and the process's peak resident
 * memory.
 *
 * <p>Usage: TextFinetuneBench SHOTS[,SHOTS...] DRAWS [key=value finetune options...] [vs:key=value,...]; SHOTS is a
 * number per class or {@code all}; {@code vs:} adds a second fine-tuning with those options changed, run alternately
 * with the first (which goes first swaps every draw), so their times compare side by side; {@code -Dheads=false}
 * skips the frozen-feature heads.
 */
public final class TextFinetuneBench {

    private static final long SEED = 42;

    private TextFinetuneBench() {
    }

    public static void main(String[] args) throws IOException {
        List<String> shots = List.of(args.length > 0 ? args[0].split(",") : new String[] {"10"});
        int draws = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<String, String> options = new LinkedHashMap<>(Map.of("headLr", "0.001", "transferLr", "0.00005",
                "epochs", "10", "batchSize", "16", "schedule", "linear:0.1", "clipNorm", "1", "maxLength", "64"));
        Map<String, String> variant = null;
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("vs:")) {
                variant = new LinkedHashMap<>();
                for (String kv : args[i].substring(3).split(",")) {
                    variant.put(kv.split("=", 2)[0], kv.split("=", 2)[1]);
                }
                continue;
            }
            String[] kv = args[i].split("=", 2);
            options.put(kv[0], kv[1]);
        }
        Map<String, Map<String, String>> contestants = new LinkedHashMap<>();
        if (Boolean.parseBoolean(System.getProperty("heads", "true"))) {
            contestants.put("lr (bge-small-en-v1.5)", Map.of());
            contestants.put("lr (all-minilm-l6-v2-fp32)", Map.of());
        }
        contestants.put("finetune (all-minilm-l6-v2-fp32)", options);
        if (variant != null) {
            Map<String, String> changed = new LinkedHashMap<>(options);
            changed.putAll(variant);
            contestants.put("finetune " + variant + " (all-minilm-l6-v2-fp32)", changed);
        }
        System.out.println("finetune options " + options + "; peak RSS at start " + peakMb() + " MB");
        try (Xfer xfer = Xfer.builder().optSeed(SEED).build()) {
            Dataset data = SpamAssassin.subjects(xfer.context().cacheDir());
            Splits.Split split = Splits.stratified(data.labels(), 0.3, SEED);
            Dataset pool = data.subset(split.train());
            Dataset test = data.subset(split.test());
            System.out.println("| examples per class | draws | method | accuracy | fit s | s per epoch |");
            System.out.println("|---|---|---|---|---|---|");
            for (String k : shots) {
                int n = k.equals("all") ? 0 : Integer.parseInt(k);
                int reps = n == 0 ? 1 : draws;
                Map<String, double[]> acc = new LinkedHashMap<>();
                Map<String, double[]> secs = new LinkedHashMap<>();
                Map<String, Double> epochSecs = new LinkedHashMap<>();
                for (int rep = 0; rep < reps; rep++) {
                    int[] all = new int[pool.size()];
                    Arrays.setAll(all, i -> i);
                    // the quickstart's draw seeds (FewShotStudy): seed + 1000 * repeat + k
                    Dataset train = n == 0 ? pool
                            : pool.subset(Splits.perClass(pool.labels(), all, n, SEED + 1000L * rep + n));
                    List<String> order = new java.util.ArrayList<>(contestants.keySet());
                    if (rep % 2 == 1 && variant != null) {
                        java.util.Collections.swap(order, order.size() - 1, order.size() - 2);
                    }
                    for (String name : order) {
                        String method = name.substring(0, name.indexOf(' '));
                        String model = name.substring(name.lastIndexOf('(') + 1, name.length() - 1);
                        try (SourceModel m = xfer.openModel(model)) {
                            long start = System.nanoTime();
                            try (RepurposedModel r = xfer.repurpose(method, m, List.of(m.defaultFeatureLayer()), train,
                                    contestants.get(name))) {
                                double fit = (System.nanoTime() - start) / 1e9;
                                Evaluation e = xfer.evaluate(r, test);
                                acc.computeIfAbsent(name, x -> new double[reps])[rep] = e.accuracy();
                                secs.computeIfAbsent(name, x -> new double[reps])[rep] = fit;
                                if (method.equals("finetune")) {
                                    epochSecs.merge(name, fit / r.trainingLoss().size() / reps, Double::sum);
                                }
                                System.out.printf("  draw %d %s: accuracy %.4f, fit %.1f s, peak RSS %d MB%n", rep,
                                        name, e.accuracy(), fit, peakMb());
                            }
                        }
                    }
                }
                for (String name : acc.keySet()) {
                    System.out.printf("| %s | %d | %s | %.3f | %.1f | %s |%n", k, reps, name, mean(acc.get(name)),
                            mean(secs.get(name)), epochSecs.containsKey(name)
                                    ? String.format("%.1f", epochSecs.get(name)) : "–");
                }
            }
        }
        System.out.println("peak RSS " + peakMb() + " MB");
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** The process's peak resident set (VmHWM), in MB. */
    public static long peakMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
