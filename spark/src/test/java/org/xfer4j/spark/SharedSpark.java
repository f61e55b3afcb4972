package org.xfer4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.text.SpamAssassin;

/**
 * What the Spark tests share, made once per test JVM: a local[2] session (starting Spark costs seconds), an Xfer,
 * the bge-small-en-v1.5 text encoder and 60 real SpamAssassin subjects of both classes.
 */
final class SharedSpark {

    private static SparkSession spark;
    private static Xfer xfer;
    private static SourceModel bge;
    private static InMemoryDataset subjects;

    private SharedSpark() {
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("xfer4j-tests")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }

    static synchronized Xfer xfer() {
        if (xfer == null) {
            xfer = Xfer.builder().build();
        }
        return xfer;
    }

    static synchronized SourceModel bge() {
        if (bge == null) {
            bge = xfer().openModel("bge-small-en-v1.5");
        }
        return bge;
    }

    /** 60 subjects, every 100th of the corpus (hams come first, so both classes are in). */
    static synchronized InMemoryDataset subjects() {
        if (subjects == null) {
            InMemoryDataset all = SpamAssassin.subjects(xfer().context().cacheDir());
            int[] pick = new int[60];
            for (int i = 0; i < pick.length; i++) {
                pick[i] = i * 100;
            }
            List<Sample> samples = new ArrayList<>();
            int[] labels = new int[pick.length];
            for (int i = 0; i < pick.length; i++) {
                samples.add(all.sample(pick[i]));
                labels[i] = all.label(pick[i]);
            }
            subjects = new InMemoryDataset("60 subjects", all.classes(), samples, labels);
        }
        return subjects;
    }

    /** The subjects as a DataFrame (id, subject, label) in partitions of {@code sizes} rows, in order. */
    static Dataset<Row> subjectFrame(int... sizes) {
        InMemoryDataset s = subjects();
        StructType schema = new StructType().add("id", DataTypes.IntegerType, false)
                .add("subject", DataTypes.StringType, false).add("label", DataTypes.StringType, false);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            rows.add(RowFactory.create(i, ((Sample.Text) s.sample(i)).text(), s.classes().get(s.label(i))));
        }
        return partitioned(rows, schema, sizes);
    }

    /** {@code rows} in consecutive partitions of {@code sizes} rows (0 makes an empty partition). */
    static Dataset<Row> partitioned(List<Row> rows, StructType schema, int... sizes) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark().sparkContext());
        JavaRDD<Row> out = null;
        int from = 0;
        for (int size : sizes) {
            JavaRDD<Row> part = sc.parallelize(new ArrayList<>(rows.subList(from, from + size)), 1);
            out = out == null ? part : out.union(part);
            from += size;
        }
        if (from != rows.size()) {
            throw new IllegalArgumentException("partition sizes cover " + from + " of " + rows.size() + " rows");
        }
        return spark().createDataFrame(out, schema);
    }

    /** The number of rows in each partition of {@code data}. */
    static List<Integer> partitionSizes(Dataset<Row> data) {
        return data.javaRDD().glom().map(List::size).collect();
    }
}
