package org.xfer4j.bench.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.bench.timing.Contest;
import org.xfer4j.data.text.SpamAssassin;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;
import org.xfer4j.runtime.onnx.model.ModelPack;

/**
 * Times bge-small-en-v1.5 features of the SpamAssassin subjects, int8 and full-precision packs, through Xfer4j's
 * extractor and through plain ONNX Runtime + DJL tokenizer written by hand ({@link PlainOrtBaseline}), in one run,
 * same threads, rounds with the order rotating. The int8 pack quantises activations per tensor, so Xfer4j runs it one
 * example at a time (two one-thread runs at once): its like-for-like reference is the plain loop doing the same, and
 * the plain loop over padded batches of 32 shows what batching would gain at the price of batch-dependent features.
 * Prints subjects/s, the ratios, and how far each pair's features differ.
 * Usage: {@code bench/run.sh org.xfer4j.bench.features.SubjectFeatureBench [subjects rounds]} (default all, 3).
 */
public final class SubjectFeatureBench {

    private static final int WARMUP = 64;
    private static final String PLAIN8 = "plain ORT, int8, padded batches of 32 (batch-dependent)";
    private static final String PLAIN8_ONE = "plain ORT, int8, one text per run, 2 runs at once x 1 thread";
    private static final String OURS8 = "Xfer4j, int8 (one example per run, 2 runs at once)";
    private static final String PLAIN32 = "plain ORT, fp32, padded batches of 32";
    private static final String OURS32 = "Xfer4j, fp32, batches of 32";

    private SubjectFeatureBench() {
    }

    /** Work that returns row-major [n, 384] features. */
    @FunctionalInterface
    interface Features {
        float[] of() throws Exception;
    }

    /** Entry point; prints a table row per contestant, then the ratios and agreements. */
    public static void main(String[] args) throws Exception {
        Dataset all = SpamAssassin.subjects(SubjectFeatures.context().cacheDir());
        int n = args.length > 0 ? Math.min(all.size(), Integer.parseInt(args[0])) : all.size();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Dataset data = all.subset(IntStream.range(0, n).toArray());
        List<String> texts = IntStream.range(0, n).mapToObj(i -> ((Sample.Text) data.sample(i)).text()).toList();
        int batch = SubjectFeatures.BATCH;
        String loadBefore = Contest.load();
        try (SourceModel int8 = SubjectFeatures.open(ModelPack.BGE_SMALL_EN_V15);
             SourceModel fp32 = SubjectFeatures.open(ModelPack.BGE_SMALL_EN_V15_FP32);
             OnnxFeatureExtractor ours8 = SubjectFeatures.open(int8);
             OnnxFeatureExtractor ours32 = SubjectFeatures.open(fp32);
             PlainOrtBaseline plain8 = PlainOrtBaseline.of(int8, 2);
             PlainOrtBaseline plain8Lanes = PlainOrtBaseline.of(int8, 1);
             PlainOrtBaseline plain32 = PlainOrtBaseline.of(fp32, 2)) {
            Map<String, Features> contestants = new LinkedHashMap<>();
            contestants.put(PLAIN8, () -> OrtRuntime.onOrtThread(() -> plain8.extract(texts, batch)));
            contestants.put(PLAIN8_ONE, () -> plain8Lanes.extractOneByOne(texts, 2));
            contestants.put(OURS8, () -> ours8.extract(data, List.of(), Progress.NONE).values());
            contestants.put(PLAIN32, () -> OrtRuntime.onOrtThread(() -> plain32.extract(texts, batch)));
            contestants.put(OURS32, () -> ours32.extract(data, List.of(), Progress.NONE).values());
            Dataset warm = data.subset(IntStream.range(0, Math.min(WARMUP, n)).toArray());
            ours8.extract(warm, List.of(), Progress.NONE);
            ours32.extract(warm, List.of(), Progress.NONE);
            List<String> warmTexts = texts.subList(0, warm.size());
            OrtRuntime.onOrtThread(() -> plain8.extract(warmTexts, batch));
            plain8Lanes.extractOneByOne(warmTexts, 2);
            OrtRuntime.onOrtThread(() -> plain32.extract(warmTexts, batch));
            Map<String, float[]> features = new LinkedHashMap<>();
            Map<String, Contest.Result> results = race(contestants, rounds, n, "2 threads", loadBefore, features);
            compare(results, features, OURS8, PLAIN8_ONE, "Xfer4j int8 / plain one text per run");
            compare(results, features, OURS8, PLAIN8, "Xfer4j int8 / plain int8 batches");
            compare(results, features, OURS32, PLAIN32, "Xfer4j fp32 / plain fp32 batches");
            compare(results, features, OURS8, OURS32, "Xfer4j int8 / Xfer4j fp32");
            compare(results, features, PLAIN8, PLAIN8_ONE, "plain int8 batches / plain one text per run");
        }
    }

    /**
     * Runs {@code contestants} side by side for {@code rounds} rounds, the order rotating, keeping each one's features
     * in {@code features}, and prints a table row per contestant; {@code setting} and the load go in its title.
     */
    static Map<String, Contest.Result> race(Map<String, Features> contestants, int rounds, int n, String setting,
            String loadBefore, Map<String, float[]> features) throws Exception {
        Contest contest = new Contest();
        contestants.forEach((name, work) -> contest.add(name, () -> {
            features.put(name, work.of());
            return Double.NaN;
        }));
        Map<String, Contest.Result> results = contest.run(rounds);
        System.out.printf("%d subjects, %s, %d rounds (order rotating); load %s -> %s%n", n, setting, rounds,
                loadBefore, Contest.load());
        System.out.println("| contestant | subjects/s (median) | subjects/s (best round) | subjects per"
                + " CPU-second | rounds (s) |");
        System.out.println("|---|---|---|---|---|");
        for (Contest.Result r : results.values()) {
            System.out.printf("| %s | %.1f | %.1f | %.1f | %s |%n", r.name(), n / r.wallMedian(),
                    n / r.wallBest(), n / r.cpuMedian(), r.rounds());
        }
        return results;
    }

    /** Speed ratios (a's subjects/s over b's) and feature agreement of contestants {@code a} and {@code b}. */
    static void compare(Map<String, Contest.Result> results, Map<String, float[]> features, String a,
            String b, String label) {
        Contest.Result x = results.get(a);
        Contest.Result y = results.get(b);
        float[] f = features.get(a);
        float[] g = features.get(b);
        double maxDiff = 0;
        double minCos = 1;
        for (int r = 0; r < f.length / 384; r++) {
            double dot = 0;
            double nf = 0;
            double ng = 0;
            for (int c = r * 384; c < (r + 1) * 384; c++) {
                maxDiff = Math.max(maxDiff, Math.abs(f[c] - g[c]));
                dot += f[c] * g[c];
                nf += f[c] * f[c];
                ng += g[c] * g[c];
            }
            minCos = Math.min(minCos, dot / Math.sqrt(nf * ng));
        }
        System.out.printf("%s: speed ratio %.3f (median rounds), %.3f (best rounds), %.3f (per CPU-second);"
                + " features: max |difference| %.3g, min cosine %.6f%n", label, y.wallMedian() / x.wallMedian(),
                y.wallBest() / x.wallBest(), y.cpuMedian() / x.cpuMedian(), maxDiff, minCos);
    }

}
