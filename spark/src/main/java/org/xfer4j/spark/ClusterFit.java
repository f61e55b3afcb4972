package org.xfer4j.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.core.Xfer;

/**
 * Fits a meta-model (any feature method: lr, svm, gp, bnn, a plugin's) on features computed on the cluster: the
 * driver collects them all when they fit under a {@link GatherLimit}, else a stratified sample (every class kept at
 * the same fraction, at least a few rows each), seeded so the same data gives the same sample. The result says which
 * was done, and so does the log.
 */
public final class ClusterFit {

    /** Rows a class keeps at least in a sample (all of them when it has fewer). */
    static final int MIN_PER_CLASS = 5;

    private static final System.Logger LOG = System.getLogger(ClusterFit.class.getName());

    private ClusterFit() {
    }

    /** How the training rows reached the driver. */
    public enum Gathering {
        /** every row */
        COLLECTED,
        /** a seeded stratified sample */
        SAMPLED
    }

    /**
     * A fitted classifier and how its training set was gathered.
     *
     * @param classifier the fitted meta-model; its classes are the labels' names in sorted order
     * @param gathering  whether every row was used or a sample
     * @param totalRows  rows in the data
     * @param usedRows   rows the classifier was fitted on
     * @param summary    one sentence saying which, and why
     */
    public record Result(FeatureClassifier classifier, Gathering gathering, long totalRows, int usedRows,
                         String summary) {
    }

    /**
     * Fits {@code method} with {@code options} on column {@code featuresCol} ({@code array<float>}, as
     * {@link SparkFeatureExtractor} makes) against the class names in {@code labelCol}.
     *
     * @throws InvalidOptionException naming a missing or mistyped column
     * @throws InvalidInputException naming the column when a label is null or feature rows differ in width
     */
    public static Result fit(Xfer xfer, String method, Dataset<Row> data, String featuresCol, String labelCol,
                             Map<String, String> options, GatherLimit limit) {
        requireColumn(data, featuresCol);
        requireColumn(data, labelCol);
        Dataset<Row> pair = data.select(featuresCol, labelCol);
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : pair.groupBy(labelCol).count().collectAsList()) {
            if (r.isNullAt(0)) {
                throw new InvalidInputException("column " + labelCol + " holds null labels; every training row needs "
                        + "a class name");
            }
            counts.put(String.valueOf(r.get(0)), r.getLong(1));
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            throw new InvalidInputException("no rows to fit " + method + " on");
        }
        int width = pair.first().getList(0).size();
        long bytes = total * width * Float.BYTES;
        Gathering gathering;
        Dataset<Row> gathered;
        String summary;
        if (total <= limit.maxRows() && bytes <= limit.maxBytes()) {
            gathering = Gathering.COLLECTED;
            gathered = pair;
            summary = "fitting " + method + " on all " + total + " rows collected from the cluster (" + mib(bytes)
                    + " of features)";
        } else {
            long target = Math.min(limit.maxRows(), limit.maxBytes() / ((long) width * Float.BYTES));
            double fraction = (double) target / total;
            Map<Object, Double> fractions = new HashMap<>();
            for (Row r : pair.select(labelCol).distinct().collectAsList()) {
                long n = counts.get(String.valueOf(r.get(0)));
                fractions.put(r.get(0), Math.min(1.0, Math.max(fraction, (double) MIN_PER_CLASS / n)));
            }
            gathering = Gathering.SAMPLED;
            gathered = pair.stat().sampleBy(labelCol, fractions, limit.seed());
            summary = "fitting " + method + " on a stratified sample (fraction " + String.format("%.4g", fraction)
                    + " per class, seed " + limit.seed() + ") of " + total + " rows: all of them (" + mib(bytes)
                    + " of features) exceed the limit of " + limit.maxRows() + " rows / " + mib(limit.maxBytes());
        }
        FeatureSet set = featureSet(gathered.collectAsList(), List.copyOf(counts.keySet()), width, featuresCol);
        summary += "; " + set.size() + " rows used";
        LOG.log(System.Logger.Level.INFO, summary);
        return new Result(xfer.fit(method, set, options), gathering, total, set.size(), summary);
    }

    private static FeatureSet featureSet(List<Row> rows, List<String> classes, int width, String featuresCol) {
        float[] values = new float[rows.size() * width];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            List<Object> f = rows.get(i).getList(0);
            if (f.size() != width) {
                throw new InvalidInputException("column " + featuresCol + ": a row has " + f.size() + " features, "
                        + "another " + width);
            }
            for (int c = 0; c < width; c++) {
                values[i * width + c] = ((Number) f.get(c)).floatValue();
            }
            labels[i] = classes.indexOf(String.valueOf(rows.get(i).get(1)));
        }
        return new FeatureSet(new FeatureMatrix(rows.size(), width, values,
                List.of(new org.xfer4j.api.feature.LayerBlock(featuresCol, 0, width))), labels, classes);
    }

    private static void requireColumn(Dataset<Row> data, String column) {
        if (!List.of(data.columns()).contains(column)) {
            throw new InvalidOptionException("no column '" + column + "'; the data has " + List.of(data.columns()));
        }
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

}
