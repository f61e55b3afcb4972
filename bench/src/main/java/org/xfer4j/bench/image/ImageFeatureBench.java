package org.xfer4j.bench.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
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
 * Images per second of MobileNetV2 pooled features (flatten_1, 1280-d) of Fashion-MNIST test images: Xfer4j
 * (TF.js model imported to ONNX, {@link OnnxFeatureExtractor}, decoding and preprocessing on a prefetch thread)
 * against PyTorch 1.13 running the same weights ({@code bench/image/torch_reference.py}), same images, batch size and
 * intra-op threads, alternating rounds in one run; reports the ratio, each side's fraction of the machine's peak
 * FLOP/s and how far their features agree.
 * Usage: {@code bench/run.sh org.xfer4j.bench.image.ImageFeatureBench [images batch threads rounds]}.
 */
public final class ImageFeatureBench {

    private static final Pattern IPS = Pattern.compile("\"images_per_second\": ([0-9.eE+-]+)");
    private static final Pattern FLOPS = Pattern.compile("\"flops_per_image\": ([0-9]+)");
    private static final Pattern SETUP = Pattern.compile("\"setup\": \"([^\"]+)\"");

    private ImageFeatureBench() {
    }

    /** Entry point: optional images (256), batch (32), threads (2), rounds (3). */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        ProviderContext ctx = ImageBenchSetup.context(threads);
        Dataset images = FashionMnist.test(ctx.cacheDir()).subset(IntStream.range(0, n).toArray());
        Path torchOut = Files.createTempFile("torch-features", ".f32");
        try (SourceModel model = new TfjsModelSource().open("mobilenet-v2", ctx);
             OnnxFeatureExtractor ours = new OnnxFeatureExtractor(model, new ExtractionOptions(batch, 1), ctx)) {
            ours.extract(images.subset(IntStream.range(0, batch).toArray()), List.of(), Progress.NONE);
            double[] oursIps = new double[rounds];
            double[] torchIps = new double[rounds];
            long flops = 0;
            String setup = "";
            FeatureMatrix features = null;
            for (int r = 0; r < rounds; r++) {
                for (int turn = 0; turn < 2; turn++) {
                    if ((r + turn) % 2 == 0) {
                        long t0 = System.nanoTime();
                        features = ours.extract(images, List.of(), Progress.NONE);
                        oursIps[r] = n / ((System.nanoTime() - t0) / 1e9);
                    } else {
                        String json = torch(model.onnxFile(), n, batch, threads, torchOut);
                        torchIps[r] = Double.parseDouble(group(IPS, json));
                        flops = Long.parseLong(group(FLOPS, json));
                        setup = group(SETUP, json);
                    }
                }
            }
            double o = median(oursIps);
            double t = median(torchIps);
            double peak = ImageBenchSetup.peakFlops(threads);
            System.out.printf("MobileNetV2 flatten_1 features, %d Fashion-MNIST test images, batch %d, %d threads,"
                    + " median of %d alternating rounds; %.0f MFLOP per image; peak %.0f GFLOP/s%n", n, batch, threads,
                    rounds, flops / 1e6, peak / 1e9);
            System.out.println("| side | images/s | rounds | GFLOP/s | fraction of peak |");
            System.out.println("|---|---|---|---|---|");
            row("Xfer4j (ONNX Runtime 1.29)", o, oursIps, flops, peak);
            row("PyTorch 1.13 (" + setup + ")", t, torchIps, flops, peak);
            System.out.printf("ratio Xfer4j / PyTorch: %.2fx%n", o / t);
            System.out.printf("features agree: largest absolute difference %.2e%n",
                    maxAbsDiff(features.values(), read(torchOut)));
        } finally {
            Files.deleteIfExists(torchOut);
        }
    }

    private static void row(String side, double ips, double[] rounds, long flops, double peak) {
        System.out.printf("| %s | %.1f | %s | %.1f | %.1f%% |%n", side, ips,
                Arrays.toString(Arrays.stream(rounds).map(v -> Math.round(v * 10) / 10.0).toArray()),
                ips * flops / 1e9, 100 * ips * flops / peak);
    }

    private static String torch(Path onnx, int n, int batch, int threads, Path out) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "bench/image/torch_reference.py", onnx.toString(),
                "flatten_1", FashionMnist.DEBIAN_DIR.resolve("t10k-images-idx3-ubyte.gz").toString(), "" + n,
                "" + batch, "" + threads, out.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the PyTorch reference failed: " + json);
        }
        return json;
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("unexpected reference output: " + text);
        }
        return m.group(1);
    }

    private static float[] read(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder());
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
