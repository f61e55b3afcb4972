package org.xfer4j.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.xfer4j.api.Device;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.text.SpamAssassin;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;

/**
 * Rows per second of bge-small-en-v1.5 feature extraction over the same SpamAssassin subjects: the single-process
 * extractor (1 and 2 threads; and 1 thread without a prefetch thread, as executors run) against Spark local[1] and
 * local[2] (one ONNX Runtime thread per task), contestants
 * alternated within each repetition; then the fixed costs: opening the model in an executor JVM (session start,
 * model load) and the overhead of one more task, from a job of many one-row partitions against one partition of the
 * same rows. Arguments: {@code [rows [repetitions]]}, default 600 and 3.
 */
public final class SparkExtractionBench {

    private SparkExtractionBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (Xfer xfer = Xfer.builder().build(); SourceModel bge = xfer.openModel("bge-small-en-v1.5")) {
            InMemoryDataset all = SpamAssassin.subjects(xfer.context().cacheDir());
            List<Row> rows = new ArrayList<>();
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Sample s = all.sample((int) ((long) i * all.size() / n));
                samples.add(s);
                rows.add(RowFactory.create(((Sample.Text) s).text()));
            }
            int[] none = new int[n];
            java.util.Arrays.fill(none, -1);
            InMemoryDataset data = new InMemoryDataset("subjects", List.of(), samples, none);
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            double coldOpen = Double.NaN;
            double modelOpen = Double.NaN;
            double perTask = Double.NaN;
            for (int rep = 0; rep < reps; rep++) {
                for (String contestant : List.of("single process, 1 thread", "Spark local[1]",
                        "single process, 1 thread, no prefetch", "single process, 2 threads", "Spark local[2]")) {
                    double rate;
                    if (contestant.startsWith("single")) {
                        rate = single(bge, data, contestant.contains("2") ? 2 : 1,
                                contestant.contains("no prefetch") ? 0 : 1);
                    } else {
                        int cores = contestant.contains("[2]") ? 2 : 1;
                        SparkSession spark = SparkSession.builder().master("local[" + cores + "]")
                                .appName("bench").config("spark.ui.enabled", "false").getOrCreate();
                        spark.sparkContext().setLogLevel("ERROR");
                        SparkFeatureExtractor x = SparkFeatureExtractor.of(spark, bge)
                                .withSettings(new ExtractionSettings(32, 1, 256));
                        long open = System.nanoTime();
                        run(x, frame(spark, rows.subList(0, 2), 1)); // warm: opens the model once per JVM
                        if (rep == 0 && cores == 1) {
                            coldOpen = (System.nanoTime() - open) / 1e6;
                            modelOpen = ExecutorModels.openings().millis();
                        }
                        long start = System.nanoTime();
                        run(x, frame(spark, rows, cores * 2));
                        rate = n / ((System.nanoTime() - start) / 1e9);
                        if (rep == reps - 1 && cores == 2) {
                            perTask = perTaskMillis(x, spark, rows.subList(0, 24));
                        }
                        spark.stop();
                    }
                    rates.computeIfAbsent(contestant, k -> new ArrayList<>()).add(rate);
                    System.out.printf("rep %d  %-38s %8.1f rows/s%n", rep + 1, contestant, rate);
                }
            }
            System.out.printf("%nrows: %d bge-small-en-v1.5 subjects, %d repetitions (median rows/s, ratio to the "
                    + "single process with 2 threads)%n", n, reps);
            double reference = median(rates.get("single process, 2 threads"));
            rates.forEach((k, v) -> System.out.printf("| %s | %.1f | %.2f |%n", k, median(v),
                    median(v) / reference));
            System.out.printf("opening the model in an executor JVM (session start, model load): %.0f ms; the first "
                    + "two-row job in a fresh session, including it: %.0f ms%n", modelOpen, coldOpen);
            System.out.printf("overhead per extra task with the model open (24 one-row partitions against one "
                    + "24-row partition, local[2]): %.1f ms%n", perTask);
            double perRow = 1000.0 / median(rates.get("Spark local[1]"));
            System.out.printf("one row costs %.2f ms on one core: a task's overhead is under 10 %% of its work from "
                    + "%.0f rows per partition%n", perRow, perTask / (0.1 * perRow));
        }
    }

    private static double single(SourceModel model, InMemoryDataset data, int threads, int prefetch) {
        ProviderContext d = ProviderContext.defaults();
        ProviderContext context = new ProviderContext(d.cacheDir(), Device.CPU, threads, d.seed(), Progress.NONE);
        try (OnnxFeatureExtractor x = new OnnxFeatureExtractor(model, new ExtractionOptions(32, prefetch), context)) {
            x.extract(data.subset(new int[] {0, 1}), List.of(model.defaultFeatureLayer()), Progress.NONE); // warm
            long start = System.nanoTime();
            x.extract(data, List.of(model.defaultFeatureLayer()), Progress.NONE);
            return data.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double perTaskMillis(SparkFeatureExtractor x, SparkSession spark, List<Row> rows) {
        double one = Double.MAX_VALUE;
        double many = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // best of three each, alternated
            long a = System.nanoTime();
            run(x, frame(spark, rows, 1));
            one = Math.min(one, (System.nanoTime() - a) / 1e6);
            long b = System.nanoTime();
            run(x, frame(spark, rows, rows.size()));
            many = Math.min(many, (System.nanoTime() - b) / 1e6);
        }
        // two slots run the many tasks two at a time: their extra wall time is half the extra task time
        return 2 * (many - one) / (rows.size() - 1);
    }

    private static void run(SparkFeatureExtractor x, Dataset<Row> frame) {
        x.extract(frame, "subject", InputKind.TEXT).foreach(r -> { });
    }

    private static Dataset<Row> frame(SparkSession spark, List<Row> rows, int partitions) {
        JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(new ArrayList<>(rows), partitions);
        return spark.createDataFrame(rdd, new StructType().add("subject", DataTypes.StringType, false));
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }
}
