package org.xfer4j.spark.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.text.SpamAssassin;
import org.xfer4j.spark.ClusterFit;
import org.xfer4j.spark.ExtractionSettings;
import org.xfer4j.spark.GatherLimit;
import org.xfer4j.spark.InputKind;
import org.xfer4j.spark.SparkFeatureExtractor;
import org.xfer4j.spark.XferPredictor;

/**
 * Spam or ham from e-mail subjects on Spark: bge-small-en-v1.5 features of the SpamAssassin subjects computed on the
 * executors, an {@code lr} meta-model fitted on features gathered from them, and an artifact's predictions made by the
 * {@link XferPredictor} transformer. Arguments: {@code [rows [threadsPerExecutor]]} (default 2000 subjects, 1 thread);
 * the master comes from spark-submit, else local[2].
 */
public final class SpamSubjectsJob {

    private SpamSubjectsJob() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        SparkSession spark = SparkSession.builder().appName("xfer4j spam subjects")
                .master(System.getProperty("spark.master", "local[2]")).getOrCreate();
        try (Xfer xfer = Xfer.builder().build(); SourceModel bge = xfer.openModel("bge-small-en-v1.5")) {
            InMemoryDataset subjects = SpamAssassin.subjects(xfer.context().cacheDir());
            Dataset<Row>[] split = frame(spark, subjects, rows).randomSplit(new double[] {0.8, 0.2}, 42);
            ExtractionSettings settings = new ExtractionSettings(32, threads, 256);

            // 1. features on the executors, 2. a meta-model fitted on what they computed
            long start = System.nanoTime();
            Dataset<Row> train = SparkFeatureExtractor.of(spark, bge).withSettings(settings)
                    .extract(split[0], "subject", InputKind.TEXT).cache();
            ClusterFit.Result fit = ClusterFit.fit(xfer, "lr", train, "features", "label", Map.of(),
                    GatherLimit.DEFAULT);
            System.out.printf("%s (%.1f s)%n", fit.summary(), (System.nanoTime() - start) / 1e9);

            // 3. a saved artifact predicting on the executors, as a Spark ML transformer
            Path artifact = Files.createTempDirectory("xfer4j-spark").resolve("subjects.xfer");
            try (RepurposedModel model = xfer.repurpose("lr", bge, List.of(bge.defaultFeatureLayer()),
                    sample(subjects, 200), Map.of())) {
                xfer.save(model, artifact);
            }
            Dataset<Row> predicted = new XferPredictor().setArtifact(artifact.toString()).setInputCol("subject")
                    .setSettings(settings).transform(split[1]);
            long right = predicted.filter("prediction = label").count();
            long all = predicted.count();
            System.out.printf("artifact trained on 200 subjects: %d of %d held-out subjects right (%.3f)%n", right, all,
                    (double) right / all);
            predicted.select("subject", "label", "prediction", "probabilities").show(5, 60);
        } finally {
            spark.stop();
        }
    }

    /** The first {@code n} subjects spread over the corpus (every k-th), as (subject, label) rows. */
    private static Dataset<Row> frame(SparkSession spark, InMemoryDataset subjects, int n) {
        int step = Math.max(1, subjects.size() / n);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < subjects.size() && rows.size() < n; i += step) {
            rows.add(RowFactory.create(((Sample.Text) subjects.sample(i)).text(),
                    subjects.classes().get(subjects.label(i))));
        }
        StructType schema = new StructType().add("subject", DataTypes.StringType, false)
                .add("label", DataTypes.StringType, false);
        return spark.createDataFrame(rows, schema);
    }

    /** {@code n} subjects spread over the corpus, for a quick artifact. */
    private static InMemoryDataset sample(InMemoryDataset subjects, int n) {
        int[] pick = new int[n];
        for (int i = 0; i < n; i++) {
            pick[i] = (int) ((long) i * subjects.size() / n) + 1;
        }
        List<Sample> samples = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            samples.add(subjects.sample(pick[i]));
            labels[i] = subjects.label(pick[i]);
        }
        return new InMemoryDataset("200 subjects", subjects.classes(), samples, labels);
    }
}
