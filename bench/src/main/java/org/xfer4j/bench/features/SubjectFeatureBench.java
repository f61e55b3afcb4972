package org.xfer4j.bench.features;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.data.text.SpamAssassin;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;

/**
 * Times bge-small-en-v1.5 features of all 6,027 SpamAssassin subjects through Xfer4j's extractor and through plain
 * ONNX Runtime + DJL tokenizer (the reference), in one run, same threads and batch size, and checks they agree.
 * Usage: {@code bench/run.sh org.xfer4j.bench.features.SubjectFeatureBench}.
 */
public final class SubjectFeatureBench {

    private static final int WARMUP = 256;
    private static final int ROUNDS = 3;

    private SubjectFeatureBench() {
    }

    /** Entry point; prints one line per contestant and the ratio. */
    public static void main(String[] args) throws Exception {
        Dataset data = SpamAssassin.subjects(SubjectFeatures.context().cacheDir());
        List<String> texts = IntStream.range(0, data.size()).mapToObj(i -> ((Sample.Text) data.sample(i)).text())
                .toList();
        try (SourceModel bge = SubjectFeatures.openBge();
             OnnxFeatureExtractor ours = SubjectFeatures.open(bge);
             PlainOrtBaseline plain = new PlainOrtBaseline(bge.onnxFile(), bge.onnxFile()
                     .resolveSibling("tokenizer.json"))) {
            Dataset warm = data.subset(IntStream.range(0, WARMUP).toArray());
            ours.extract(warm, List.of(), Progress.NONE);
            OrtRuntime.onOrtThread(() -> plain.extract(texts.subList(0, WARMUP), SubjectFeatures.BATCH));

            // alternate who goes first, so load from other processes on the machine hits both alike
            double[] plainS = new double[ROUNDS];
            double[] oursS = new double[ROUNDS];
            FeatureMatrix features = null;
            float[] reference = null;
            for (int r = 0; r < ROUNDS; r++) {
                for (int turn = 0; turn < 2; turn++) {
                    long t0 = System.nanoTime();
                    if ((r + turn) % 2 == 0) {
                        reference = OrtRuntime.onOrtThread(() -> plain.extract(texts, SubjectFeatures.BATCH));
                        plainS[r] = (System.nanoTime() - t0) / 1e9;
                    } else {
                        features = ours.extract(data, List.of(), Progress.NONE);
                        oursS[r] = (System.nanoTime() - t0) / 1e9;
                    }
                }
            }
            double p = median(plainS);
            double o = median(oursS);
            System.out.printf("subjects: %d, batch %d, 2 threads, median of %d alternating rounds%n", data.size(),
                    SubjectFeatures.BATCH, ROUNDS);
            System.out.printf("plain ORT + DJL tokenizer: %.1f s (%.0f subjects/s) rounds %s%n", p, data.size() / p,
                    Arrays.toString(plainS));
            System.out.printf("xfer4j OnnxFeatureExtractor: %.1f s (%.0f subjects/s) rounds %s%n", o, data.size() / o,
                    Arrays.toString(oursS));
            System.out.printf("ratio xfer4j / plain: %.3f%n", o / p);
            System.out.printf("agreement: min cosine %.6f over all subjects%n", minCosine(features, reference));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double minCosine(FeatureMatrix a, float[] b) {
        double min = 1;
        int d = a.columns();
        for (int r = 0; r < a.rows(); r++) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int c = 0; c < d; c++) {
                double x = a.get(r, c);
                double y = b[r * d + c];
                dot += x * y;
                na += x * x;
                nb += y * y;
            }
            min = Math.min(min, dot / Math.sqrt(na * nb));
        }
        return min;
    }
}
