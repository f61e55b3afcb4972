package org.xfer4j.bench.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.bench.timing.Contest;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.importer.tfjs.TfjsModelSource;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;

/**
 * Images per second of MobileNetV2 pooled features (flatten_1, 1280-d) of Fashion-MNIST test images: Xfer4j
 * (TF.js model imported to ONNX, {@link OnnxFeatureExtractor}, decoding and preprocessing on a prefetch thread)
 * against a plain ONNX Runtime session on the same graph file fed the same images prepared in advance
 * ({@link PlainImageSession}), and PyTorch 1.13 running the same weights ({@code bench/image/torch_reference.py});
 * same images, batch size and intra-op threads, rounds in one run with the order rotating; reports the ratios, each
 * side's fraction of the machine's peak FLOP/s and how far Xfer4j's and PyTorch's features agree.
 * Usage: {@code bench/run.sh org.xfer4j.bench.image.ImageFeatureBench [images batch threads rounds sides]}.
 */
public final class ImageFeatureBench {

    private static final Pattern IPS = Pattern.compile("\"images_per_second\": ([0-9.eE+-]+)");
    private static final Pattern FLOPS = Pattern.compile("\"flops_per_image\": ([0-9]+)");
    private static final Pattern SETUP = Pattern.compile("\"setup\": \"([^\"]+)\"");
    private static final String XFER4J = "Xfer4j `OnnxFeatureExtractor` (ONNX Runtime 1.29)";
    private static final String SERIAL = "Xfer4j, each batch prepared just before it runs (no prefetch thread)";
    private static final String PLAIN = "plain ONNX Runtime 1.29 session, inputs prepared in advance";
    private static final String TORCH = "PyTorch 1.13";
    /** FLOPs per image as the PyTorch reference counts them, for runs without it. */
    private static final long MOBILENET_V2_FLOPS = 599_000_000L;

    private ImageFeatureBench() {
    }

    /** Entry point: optional images (256), batch (32), threads (2), rounds (3), sides (xfer4j,serial,plain,torch). */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        List<String> sides = List.of((args.length > 4 ? args[4] : "xfer4j,serial,plain,torch").split(","));
        ProviderContext ctx = ImageBenchSetup.context(threads);
        Dataset images = FashionMnist.test(ctx.cacheDir()).subset(IntStream.range(0, n).toArray());
        Path torchOut = Files.createTempFile("torch-features", ".f32");
        String loadBefore = Contest.load();
        try (SourceModel model = new TfjsModelSource().open("mobilenet-v2", ctx);
             OnnxFeatureExtractor ours = new OnnxFeatureExtractor(model, new ExtractionOptions(batch, 1), ctx);
             OnnxFeatureExtractor serial = new OnnxFeatureExtractor(model, new ExtractionOptions(batch, 0), ctx);
             PlainImageSession plain = new PlainImageSession(model.onnxFile(), model, images, batch, threads)) {
            ours.extract(images.subset(IntStream.range(0, batch).toArray()), List.of(), Progress.NONE);
            serial.extract(images.subset(IntStream.range(0, batch).toArray()), List.of(), Progress.NONE);
            OrtRuntime.onOrtThread(plain::run);
            FeatureMatrix[] features = new FeatureMatrix[1];
            String[] torchJson = {""};
            Contest contest = new Contest();
            for (String side : sides) {
                switch (side) {
                    case "xfer4j" -> contest.add(XFER4J, () -> {
                        features[0] = ours.extract(images, List.of(), Progress.NONE);
                        return Double.NaN;
                    });
                    case "serial" -> contest.add(SERIAL, () -> {
                        serial.extract(images, List.of(), Progress.NONE);
                        return Double.NaN;
                    });
                    case "plain" -> contest.add(PLAIN, () -> {
                        OrtRuntime.onOrtThread(plain::run);
                        return Double.NaN;
                    });
                    case "torch" -> contest.addExternal(TORCH, () -> {
                        torchJson[0] = torch(model.onnxFile(), n, batch, threads, torchOut);
                        return n / Double.parseDouble(group(IPS, torchJson[0]));
                    });
                    default -> throw new IllegalArgumentException("unknown side " + side
                            + "; sides are xfer4j, serial, plain, torch");
                }
            }
            Map<String, Contest.Result> results = contest.run(rounds);
            long flops = sides.contains("torch") ? Long.parseLong(group(FLOPS, torchJson[0])) : MOBILENET_V2_FLOPS;
            double peak = ImageBenchSetup.peakFlops(threads);
            System.out.printf("MobileNetV2 flatten_1 features, %d Fashion-MNIST test images, batch %d, %d threads,"
                    + " %d rounds (order rotating); %.0f MFLOP per image; peak %.0f GFLOP/s; load %s -> %s%n", n,
                    batch, threads, rounds, flops / 1e6, peak / 1e9, loadBefore, Contest.load());
            System.out.println("| side | images/s (median) | images/s (best round) | images per CPU-second"
                    + " | rounds (s) | GFLOP/s (median) | fraction of peak |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (Contest.Result r : results.values()) {
                String name = r.name().equals(TORCH) ? TORCH + " (" + group(SETUP, torchJson[0]) + ")" : r.name();
                double ips = n / r.wallMedian();
                System.out.printf("| %s | %.1f | %.1f | %s | %s | %.1f | %.1f%% |%n", name, ips, n / r.wallBest(),
                        Double.isNaN(r.cpuMedian()) ? "-" : String.format("%.1f", n / r.cpuMedian()), r.rounds(),
                        ips * flops / 1e9, 100 * ips * flops / peak);
            }
            System.out.printf("reading and preparing the images alone (one thread, once, cold): %.0f images/s%n",
                    n / plain.prepareSeconds());
            if (results.containsKey(XFER4J) && results.containsKey(PLAIN)) {
                Contest.Result o = results.get(XFER4J);
                Contest.Result p = results.get(PLAIN);
                System.out.printf("ratio Xfer4j / plain session: %.3f (median rounds), %.3f (best rounds), %.3f (per"
                        + " CPU-second)%n", p.wallMedian() / o.wallMedian(), p.wallBest() / o.wallBest(),
                        p.cpuMedian() / o.cpuMedian());
            }
            if (results.containsKey(SERIAL) && results.containsKey(PLAIN)) {
                Contest.Result o = results.get(SERIAL);
                Contest.Result p = results.get(PLAIN);
                System.out.printf("ratio Xfer4j without prefetch / plain session: %.3f (median rounds), %.3f (best"
                        + " rounds), %.3f (per CPU-second)%n", p.wallMedian() / o.wallMedian(),
                        p.wallBest() / o.wallBest(), p.cpuMedian() / o.cpuMedian());
            }
            if (results.containsKey(XFER4J) && results.containsKey(TORCH)) {
                System.out.printf("ratio Xfer4j / PyTorch: %.2fx (median rounds), %.2fx (best rounds)%n",
                        results.get(TORCH).wallMedian() / results.get(XFER4J).wallMedian(),
                        results.get(TORCH).wallBest() / results.get(XFER4J).wallBest());
                System.out.printf("features agree: largest absolute difference %.2e%n",
                        maxAbsDiff(features[0].values(), read(torchOut)));
            }
        } finally {
            Files.deleteIfExists(torchOut);
        }
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

}
