package org.xfer4j.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.model.SourceModel;

/**
 * Features of named layers of a source model for every row of a DataFrame, computed on the executors: the model's
 * files are shipped once by content hash, each executor JVM opens one ONNX Runtime session for them and reuses it
 * across its tasks and partitions, and each partition is run in batches. The result is the input with one more column,
 * {@code array<float>}, holding the layers' pooled activations concatenated in layer order, exactly as
 * {@link org.xfer4j.api.feature.FeatureExtractor#extract} computes them in one process.
 * <pre>{@code
 * try (Xfer xfer = Xfer.builder().build(); SourceModel bge = xfer.openModel("bge-small-en-v1.5")) {
 *     Dataset<Row> features = SparkFeatureExtractor.of(spark, bge).withSettings(new ExtractionSettings(32, 2, 256))
 *             .extract(texts, "subject", InputKind.TEXT);
 * }
 * }</pre>
 */
public final class SparkFeatureExtractor {

    /** The name of the features column unless another is chosen. */
    public static final String FEATURES = "features";

    private final SparkSession spark;
    private final SourceModel model;
    private final List<String> layers;
    private final ExtractionSettings settings;
    private final String outputColumn;

    private SparkFeatureExtractor(SparkSession spark, SourceModel model, List<String> layers,
                                  ExtractionSettings settings, String outputColumn) {
        this.spark = spark;
        this.model = model;
        this.layers = List.copyOf(layers);
        this.settings = settings;
        this.outputColumn = outputColumn;
    }

    /** Features of {@code model}'s default feature layer, default settings, into column {@value #FEATURES}. */
    public static SparkFeatureExtractor of(SparkSession spark, SourceModel model) {
        return new SparkFeatureExtractor(Objects.requireNonNull(spark, "spark"), Objects.requireNonNull(model, "model"),
                List.of(), ExtractionSettings.DEFAULT, FEATURES);
    }

    /** A copy taking the features of {@code newLayers}, concatenated in that order. */
    public SparkFeatureExtractor withLayers(List<String> newLayers) {
        return new SparkFeatureExtractor(spark, model, newLayers, settings, outputColumn);
    }

    /** A copy running with {@code newSettings} (batch size, threads per executor, rows per call). */
    public SparkFeatureExtractor withSettings(ExtractionSettings newSettings) {
        return new SparkFeatureExtractor(spark, model, layers, Objects.requireNonNull(newSettings), outputColumn);
    }

    /** A copy writing the features to column {@code column}. */
    public SparkFeatureExtractor withOutputColumn(String column) {
        return new SparkFeatureExtractor(spark, model, layers, settings, Objects.requireNonNull(column));
    }

    /**
     * {@code data} with the features of column {@code inputColumn} appended (lazily: Spark runs it when an action
     * asks). Rows keep their partitions and order.
     *
     * @throws InvalidOptionException naming the column when it is missing or of the wrong type for {@code kind}, or
     *         when the output column exists already; naming similar layers when a layer is unknown
     */
    public Dataset<Row> extract(Dataset<Row> data, String inputColumn, InputKind kind) {
        int index = inputIndex(data.schema(), inputColumn, kind);
        if (Arrays.asList(data.columns()).contains(outputColumn)) {
            throw new InvalidOptionException("the data already has a column " + outputColumn + "; choose another "
                    + "output column for the features");
        }
        ShippedModel shipped = ModelShipment.ship(spark.sparkContext(), model, layers);
        StructType out = data.schema().add(outputColumn, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        return data.mapPartitions(new PartitionFeatures(shipped, settings, kind, index, inputColumn,
                PartitionFeatures.FEATURES), Encoders.row(out));
    }

    /**
     * The index of {@code column} in {@code schema}.
     *
     * @throws InvalidOptionException naming the column and the columns there are, or the type it needs
     */
    static int inputIndex(StructType schema, String column, InputKind kind) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new InvalidOptionException("no input column '" + column + "'; the data has "
                    + Arrays.toString(schema.fieldNames()));
        }
        StructField f = schema.apply(column);
        if (!f.dataType().equals(kind.columnType())) {
            throw new InvalidOptionException("input column " + column + " is " + f.dataType().simpleString()
                    + "; " + kind.optionName() + " input needs " + kind.columnType().simpleString());
        }
        return schema.fieldIndex(column);
    }
}
