package org.xfer4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.xfer4j.api.InvalidOptionException;

/**
 * A Spark ML transformer that predicts with a saved Xfer4j artifact ({@code .xfer}) or a graph written by
 * {@code xfer4j export} ({@code .onnx}): adds a column of class probabilities ({@code array<double>}, in the model's
 * class order) and one of the most probable class name. The file is shipped to the executors by content hash and
 * opened once per executor JVM; an artifact's source model is opened there from the Xfer4j cache (never fetched: an
 * artifact is untrusted input), while a graph needs nothing else (its tokenizer, for text, is shipped with it). It
 * saves and loads with its Params, alone or inside a {@link org.apache.spark.ml.Pipeline} (the file by path).
 */
public final class XferPredictor extends Transformer implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> artifact;
    private final Param<String> inputCol;
    private final Param<String> inputKind;
    private final Param<String> probabilitiesCol;
    private final Param<String> predictionCol;
    private final IntParam batchSize;
    private final IntParam threads;
    private final IntParam rowsPerCall;

    /** A predictor with a fresh uid. */
    public XferPredictor() {
        this(Identifiable$.MODULE$.randomUID("xferPredictor"));
    }

    /** A predictor with {@code uid} (Spark's reader makes them so). */
    public XferPredictor(String uid) {
        this.uid = uid;
        artifact = new Param<>(this, "artifact", "path of the saved .xfer artifact or exported .onnx graph, readable "
                + "by the driver");
        inputCol = new Param<>(this, "inputCol", "the column holding each row's input");
        inputKind = new Param<>(this, "inputKind", "what the input column holds: text, image-path or image-bytes");
        probabilitiesCol = new Param<>(this, "probabilitiesCol", "output column of class probabilities");
        predictionCol = new Param<>(this, "predictionCol", "output column of the most probable class name");
        batchSize = new IntParam(this, "batchSize", "examples per ONNX Runtime batch");
        threads = new IntParam(this, "threads", "ONNX Runtime threads per executor JVM (0: the runtime's choice)");
        rowsPerCall = new IntParam(this, "rowsPerCall", "rows of a partition predicted at once");
        ExtractionSettings d = ExtractionSettings.DEFAULT;
        setDefault(inputCol, "input");
        setDefault(inputKind, InputKind.TEXT.optionName());
        setDefault(probabilitiesCol, "probabilities");
        setDefault(predictionCol, "prediction");
        setDefault(batchSize, d.batchSize());
        setDefault(threads, d.threads());
        setDefault(rowsPerCall, d.rowsPerCall());
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The path of the artifact or exported graph. */
    public Param<String> artifact() {
        return artifact;
    }

    /** The input column. */
    public Param<String> inputCol() {
        return inputCol;
    }

    /** What the input column holds. */
    public Param<String> inputKind() {
        return inputKind;
    }

    /** The probabilities column. */
    public Param<String> probabilitiesCol() {
        return probabilitiesCol;
    }

    /** The predicted class column. */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** Examples per batch. */
    public IntParam batchSize() {
        return batchSize;
    }

    /** Threads per executor JVM. */
    public IntParam threads() {
        return threads;
    }

    /** Rows predicted at once. */
    public IntParam rowsPerCall() {
        return rowsPerCall;
    }

    public XferPredictor setArtifact(String path) {
        return (XferPredictor) set(artifact, path);
    }

    public XferPredictor setInputCol(String column) {
        return (XferPredictor) set(inputCol, column);
    }

    public XferPredictor setInputKind(InputKind kind) {
        return (XferPredictor) set(inputKind, kind.optionName());
    }

    public XferPredictor setProbabilitiesCol(String column) {
        return (XferPredictor) set(probabilitiesCol, column);
    }

    public XferPredictor setPredictionCol(String column) {
        return (XferPredictor) set(predictionCol, column);
    }

    public XferPredictor setSettings(ExtractionSettings settings) {
        set(batchSize, settings.batchSize());
        set(threads, settings.threads());
        return (XferPredictor) set(rowsPerCall, settings.rowsPerCall());
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidOptionException naming the param at fault: no or a missing artifact, a missing input column or
     *         one of the wrong type, an output column the data has already
     */
    @Override
    public StructType transformSchema(StructType schema) {
        SparkFeatureExtractor.inputIndex(schema, getOrDefault(inputCol), InputKind.parse(getOrDefault(inputKind)));
        for (Param<String> p : java.util.List.of(probabilitiesCol, predictionCol)) {
            if (Arrays.asList(schema.fieldNames()).contains(getOrDefault(p))) {
                throw new InvalidOptionException(p.name() + ": the data already has a column " + getOrDefault(p));
            }
        }
        return schema.add(getOrDefault(probabilitiesCol), DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add(getOrDefault(predictionCol), DataTypes.StringType, false);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        if (!isDefined(artifact)) {
            throw new InvalidOptionException("XferPredictor " + uid + ": set the artifact (setArtifact(path))");
        }
        Path file = Path.of(getOrDefault(artifact));
        if (!Files.isRegularFile(file)) {
            throw new InvalidOptionException("XferPredictor artifact " + file + " does not exist or is not a file");
        }
        Dataset<Row> data = dataset.toDF();
        StructType out = transformSchema(data.schema());
        InputKind kind = InputKind.parse(getOrDefault(inputKind));
        ExtractionSettings settings = new ExtractionSettings((Integer) getOrDefault(batchSize),
                (Integer) getOrDefault(threads), (Integer) getOrDefault(rowsPerCall));
        String column = getOrDefault(inputCol);
        if (ExportedGraphPredictions.isGraph(file)) {
            return ExportedGraphPredictions.predict(data, file, settings, kind, column, out);
        }
        String sha = Shipping.sha256(file);
        String shipped = Shipping.ship(data.sparkSession().sparkContext(), file, sha, "model.xfer");
        return data.mapPartitions(new PartitionPredictions(shipped, sha, settings, kind,
                data.schema().fieldIndex(column), column), Encoders.row(out));
    }

    @Override
    public XferPredictor copy(ParamMap extra) {
        return (XferPredictor) defaultCopy(extra);
    }

    /** Spark ML's reader for saved predictors (found by Pipeline.load). */
    public static MLReader<XferPredictor> read() {
        return new DefaultParamsReader<>();
    }

    /** The predictor saved at {@code path}. */
    public static XferPredictor load(String path) {
        return read().load(path);
    }
}
