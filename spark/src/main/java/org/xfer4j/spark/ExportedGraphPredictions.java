package org.xfer4j.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.export.FeatureGraphExport;
import org.xfer4j.runtime.onnx.model.OnnxFileSource;
import org.xfer4j.runtime.onnx.model.OnnxSourceModel;

/**
 * Predictions of a graph written by {@code xfer4j export} for the rows of a DataFrame: the graph is a source model
 * (its metadata declares its preprocessing, its tokenizer lies beside it) whose {@code probabilities} output is
 * extracted like any layer's features, so it is shipped by content hash and opened once per executor JVM as
 * {@link SparkFeatureExtractor} does (same task); the predicted class is the first most probable one, named from the graph's
 * {@value FeatureGraphExport#CLASSES_KEY} metadata.
 */
final class ExportedGraphPredictions {

    private ExportedGraphPredictions() {
    }

    /** Whether {@code file} names an ONNX graph rather than a saved artifact. */
    static boolean isGraph(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /**
     * {@code data} with the probabilities and predicted class name of {@code graph} for column {@code inputColumn}
     * appended: {@code out} is {@code data}'s schema followed by those two columns.
     *
     * @throws InvalidInputException naming the graph when it was not written by {@code xfer4j export} (no class names
     *         or no {@code probabilities} output)
     */
    static Dataset<Row> predict(Dataset<Row> data, Path graph, ExtractionSettings settings, InputKind kind,
                                String inputColumn, StructType out) {
        try (SourceModel model = new OnnxFileSource().open(graph.toString(), Map.of(),
                ExecutorModels.context(settings.threads()))) {
            String classes = model instanceof OnnxSourceModel o ? o.metadata().get(FeatureGraphExport.CLASSES_KEY)
                    : null;
            if (classes == null || model.layers().stream().noneMatch(l -> l.name().equals(
                    FeatureGraphExport.PROBABILITIES))) {
                throw new InvalidInputException(graph + " is not a graph written by xfer4j export: it needs a "
                        + FeatureGraphExport.PROBABILITIES + " output and " + FeatureGraphExport.CLASSES_KEY
                        + " metadata");
            }
            ShippedModel shipped = ModelShipment.ship(data.sparkSession().sparkContext(), model,
                    List.of(FeatureGraphExport.PROBABILITIES));
            Labelled labelled = new Labelled(graph.getFileName().toString(), List.of(classes.split("\n")));
            return data.mapPartitions(new PartitionFeatures(shipped, settings, kind,
                    data.schema().fieldIndex(inputColumn), inputColumn, labelled), Encoders.row(out));
        }
    }

    /** The graph's float probabilities as doubles, followed by the first most probable class. */
    private record Labelled(String graph, List<String> classes) implements PartitionFeatures.Columns {

        @Override
        public Object[] of(float[] probabilities) {
            if (probabilities.length != classes.size()) {
                throw new InvalidInputException("graph " + graph + " gives " + probabilities.length + " probabilities"
                        + " per row but its metadata names " + classes.size() + " classes");
            }
            double[] p = new double[probabilities.length];
            int best = 0;
            for (int k = 0; k < p.length; k++) {
                p[k] = probabilities[k];
                best = p[k] > p[best] ? k : best;
            }
            return new Object[] {p, classes.get(best)};
        }
    }
}
