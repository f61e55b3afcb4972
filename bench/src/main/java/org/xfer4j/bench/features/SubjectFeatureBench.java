package org.xfer4j.bench.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.model.SourceModel;
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

    private SubjectFeatureBench() {
    }

    /** One way of computing the features: a name and the work, which returns row-major [n, 384] features. */
    private record Contestant(String name, Work work, double[] seconds, float[][] features) {
    }

    @FunctionalInterface
    private interface Work {
        float[] run(Dataset data, List<String> texts) throws Exception;
    }

    /** Entry point; prints a table row per contestant, then the ratios and agreements. */
    public static void main(String[] args) throws Exception {
        Dataset all = SpamAssassin.subjects(SubjectFeatures.context().cacheDir());
        int n = args.length > 0 ? Math.min(all.size(), Integer.parseInt(args[0])) : all.size();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Dataset data = all.subset(IntStream.range(0, n).toArray());
        List<String> texts = IntStream.range(0, n).mapToObj(i -> ((Sample.Text) data.sample(i)).text()).toList();
        int batch = SubjectFeatures.BATCH;
        try (SourceModel int8 = SubjectFeatures.open(ModelPack.BGE_SMALL_EN_V15);
             SourceModel fp32 = SubjectFeatures.open(ModelPack.BGE_SMALL_EN_V15_FP32);
             OnnxFeatureExtractor ours8 = SubjectFeatures.open(int8);
             OnnxFeatureExtractor ours32 = SubjectFeatures.open(fp32);
             PlainOrtBaseline plain8 = PlainOrtBaseline.of(int8, 2);
             PlainOrtBaseline plain8Lanes = PlainOrtBaseline.of(int8, 1);
             PlainOrtBaseline plain32 = PlainOrtBaseline.of(fp32, 2)) {
            List<Contestant> contestants = new ArrayList<>();
            add(contestants, rounds, "plain ORT, int8, padded batches of " + batch + " (batch-dependent)",
                    (d, t) -> OrtRuntime.onOrtThread(() -> plain8.extract(t, batch)));
            add(contestants, rounds, "plain ORT, int8, one text per run, 2 runs at once x 1 thread",
                    (d, t) -> plain8Lanes.extractOneByOne(t, 2));
            add(contestants, rounds, "Xfer4j, int8 (one example per run, 2 runs at once)",
                    (d, t) -> ours8.extract(d, List.of(), Progress.NONE).values());
            add(contestants, rounds, "plain ORT, fp32, padded batches of " + batch,
                    (d, t) -> OrtRuntime.onOrtThread(() -> plain32.extract(t, batch)));
            add(contestants, rounds, "Xfer4j, fp32, batches of " + batch,
                    (d, t) -> ours32.extract(d, List.of(), Progress.NONE).values());
            Dataset warm = data.subset(IntStream.range(0, Math.min(WARMUP, n)).toArray());
            for (Contestant c : contestants) {
                c.work().run(warm, texts.subList(0, warm.size()));
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < contestants.size(); k++) {
                    Contestant c = contestants.get((k + r) % contestants.size());
                    long t0 = System.nanoTime();
                    c.features()[0] = c.work().run(data, texts);
                    c.seconds()[r] = (System.nanoTime() - t0) / 1e9;
                }
            }
            System.out.printf("%d subjects, 2 threads, median of %d rounds (order rotating)%n", n, rounds);
            System.out.println("| contestant | median s | subjects/s | rounds (s) |");
            System.out.println("|---|---|---|---|");
            for (Contestant c : contestants) {
                double m = median(c.seconds());
                System.out.printf("| %s | %.2f | %.0f | %s |%n", c.name(), m, n / m,
                        Arrays.toString(Arrays.stream(c.seconds()).map(v -> Math.round(v * 100) / 100.0).toArray()));
            }
            compare(contestants, 2, 1, "Xfer4j int8 / plain one text per run");
            compare(contestants, 2, 0, "Xfer4j int8 / plain int8 batches");
            compare(contestants, 4, 3, "Xfer4j fp32 / plain fp32 batches");
            compare(contestants, 2, 4, "Xfer4j int8 / Xfer4j fp32");
            compare(contestants, 0, 1, "plain int8 batches / plain one text per run");
        }
    }

    private static void add(List<Contestant> to, int rounds, String name, Work work) {
        to.add(new Contestant(name, work, new double[rounds], new float[1][]));
    }

    /** Speed ratio (a's subjects/s over b's) and feature agreement of contestants {@code a} and {@code b}. */
    private static void compare(List<Contestant> cs, int a, int b, String label) {
        Contestant x = cs.get(a);
        Contestant y = cs.get(b);
        double ratio = median(y.seconds()) / median(x.seconds());
        float[] f = x.features()[0];
        float[] g = y.features()[0];
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
        System.out.printf("%s: speed ratio %.3f; features: max |difference| %.3g, min cosine %.6f%n", label, ratio,
                maxDiff, minCos);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
