package org.xfer4j.bench.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.importer.tfjs.TfjsModelSource;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;

/**
 * Streams all 70,000 Fashion-MNIST images (train then test) through MobileNetV2 into one 70,000 x 1280 feature matrix
 * and reports the process's peak resident memory (VmHWM), the heap limit and the throughput. Run it with a small
 * heap, {@code BENCH_JAVA_OPTS=-Xmx600m bench/run.sh org.xfer4j.bench.image.StreamingMemoryBench}: images are
 * decoded batch by batch, never all at once.
 */
public final class StreamingMemoryBench {

    private StreamingMemoryBench() {
    }

    /** Entry point: optional batch (32), threads (2), images (all). */
    public static void main(String[] args) throws Exception {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        ProviderContext ctx = ImageBenchSetup.context(threads);
        Dataset all = ImageBenchSetup.concat(FashionMnist.train(ctx.cacheDir()), FashionMnist.test(ctx.cacheDir()));
        Dataset data = args.length > 2 ? all.subset(java.util.stream.IntStream.range(0, Integer.parseInt(args[2]))
                .toArray()) : all;
        try (SourceModel model = new TfjsModelSource().open("mobilenet-v2", ctx);
             OnnxFeatureExtractor ex = new OnnxFeatureExtractor(model, new ExtractionOptions(batch, 1), ctx)) {
            long t0 = System.nanoTime();
            FeatureMatrix f = ex.extract(data, List.of(), Progress.NONE);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("streamed %d images (%s) into %d x %d features in %.0f s (%.1f images/s), batch %d,"
                    + " %d threads%n", f.rows(), data.name(), f.rows(), f.columns(), s, f.rows() / s, batch, threads);
            System.out.printf("peak resident memory %s, heap limit %d MB%n", peakRss(),
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static String peakRss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.substring(6).trim()).findFirst().orElse("unknown");
    }
}
