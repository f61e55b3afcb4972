package org.xfer4j.bench.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.bench.timing.Contest;
import org.xfer4j.data.text.SpamAssassin;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;
import org.xfer4j.runtime.onnx.model.ModelPack;

/**
 * Times full-precision text features of the SpamAssassin subjects through Xfer4j's extractor against the plain loop
 * written by hand ({@link PlainOrtBaseline}: DJL tokenizer on the calling thread, padded batches of 32, one ONNX
 * Runtime session over the same graph file with the same 2 threads), for each pack named, in one run with the order
 * rotating from round to round. Xfer4j also runs with its batches prepared on the calling thread
 * ({@code prefetchThreads=0}), which shows what preparing the next batch alongside the network buys or costs.
 * Prints subjects/s and the ratios per pack, and how far the features differ.
 * Usage: {@code bench/run.sh org.xfer4j.bench.features.TextExtractionBench [subjects rounds packs]} (default all,
 * 5, {@code all-minilm-l6-v2-fp32,bge-small-en-v1.5-fp32}).
 */
public final class TextExtractionBench {

    private static final int WARMUP = 64;

    private TextExtractionBench() {
    }

    /** Entry point; prints a row per contestant, then per pack the ratios against the plain loop. */
    public static void main(String[] args) throws Exception {
        Dataset all = SpamAssassin.subjects(SubjectFeatures.context().cacheDir());
        int n = args.length > 0 && !args[0].equals("all") ? Math.min(all.size(), Integer.parseInt(args[0]))
                : all.size();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> packs = List.of((args.length > 2 ? args[2] : ModelPack.ALL_MINILM_L6_V2_FP32.name() + ","
                + ModelPack.BGE_SMALL_EN_V15_FP32.name()).split(","));
        Dataset data = all.subset(IntStream.range(0, n).toArray());
        List<String> texts = IntStream.range(0, n).mapToObj(i -> ((Sample.Text) data.sample(i)).text()).toList();
        Dataset warm = data.subset(IntStream.range(0, Math.min(WARMUP, n)).toArray());
        List<String> warmTexts = texts.subList(0, warm.size());
        int batch = SubjectFeatures.BATCH;
        String loadBefore = Contest.load();
        List<AutoCloseable> open = new ArrayList<>();
        Map<String, SubjectFeatureBench.Features> contestants = new LinkedHashMap<>();
        try {
            for (String pack : packs) {
                SourceModel model = SubjectFeatures.open(ModelPack.ZOO.stream().filter(p -> p.name().equals(pack))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("no pack " + pack)));
                open.add(model);
                OnnxFeatureExtractor ours = new OnnxFeatureExtractor(model, new ExtractionOptions(batch),
                        SubjectFeatures.context());
                OnnxFeatureExtractor oursInline = new OnnxFeatureExtractor(model, new ExtractionOptions(batch, 0),
                        SubjectFeatures.context());
                PlainOrtBaseline plain = PlainOrtBaseline.of(model, 2);
                open.addAll(List.of(ours, oursInline, plain));
                ours.extract(warm, List.of(), Progress.NONE);
                oursInline.extract(warm, List.of(), Progress.NONE);
                OrtRuntime.onOrtThread(() -> plain.extract(warmTexts, batch));
                contestants.put(plain(pack), () -> OrtRuntime.onOrtThread(() -> plain.extract(texts, batch)));
                contestants.put(ours(pack), () -> ours.extract(data, List.of(), Progress.NONE).values());
                contestants.put(inline(pack), () -> oursInline.extract(data, List.of(), Progress.NONE).values());
            }
            Map<String, float[]> features = new LinkedHashMap<>();
            Map<String, Contest.Result> results = SubjectFeatureBench.race(contestants, rounds, n,
                    "batches of " + batch + ", 2 threads", loadBefore, features);
            for (String pack : packs) {
                SubjectFeatureBench.compare(results, features, ours(pack), plain(pack),
                        "Xfer4j / plain, " + pack);
                paired(results, ours(pack), plain(pack));
                SubjectFeatureBench.compare(results, features, inline(pack), plain(pack),
                        "Xfer4j prefetchThreads=0 / plain, " + pack);
                paired(results, inline(pack), plain(pack));
            }
        } finally {
            for (AutoCloseable c : open.reversed()) {
                c.close();
            }
        }
    }

    /**
     * The speed ratio of {@code a} over {@code b} round by round (b's seconds over a's), and their median: the two ran
     * minutes apart at most, so the load they met differs less than across rounds.
     */
    private static void paired(Map<String, Contest.Result> results, String a, String b) {
        double[] x = results.get(a).wall();
        double[] y = results.get(b).wall();
        double[] ratios = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            ratios[r] = Math.round(y[r] / x[r] * 1000) / 1000.0;
        }
        System.out.printf("  round by round %s; median %.3f%n", java.util.Arrays.toString(ratios),
                Contest.median(ratios));
    }

    private static String plain(String pack) {
        return "plain ORT + DJL tokenizer, " + pack;
    }

    private static String ours(String pack) {
        return "Xfer4j, " + pack;
    }

    private static String inline(String pack) {
        return "Xfer4j prefetchThreads=0, " + pack;
    }
}
