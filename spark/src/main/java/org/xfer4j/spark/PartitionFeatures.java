package org.xfer4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureExtractor;
import org.xfer4j.api.feature.FeatureMatrix;

/**
 * The task run on each partition: its rows, each followed by the columns {@code columns} makes of the features of
 * its input column.
 */
record PartitionFeatures(ShippedModel model, ExtractionSettings settings, InputKind kind, int inputIndex,
                         String inputColumn, Columns columns) implements MapPartitionsFunction<Row, Row> {

    /** The columns appended to a row, made from its features. */
    @FunctionalInterface
    interface Columns extends Serializable {
        Object[] of(float[] features);
    }

    /** The features themselves, as one {@code array<float>} column. */
    static final Columns FEATURES = features -> new Object[] {features};

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return rows; // an empty partition opens no model
        }
        FeatureExtractor extractor = ExecutorModels.extractor(model, settings);
        return new Chunks(rows, settings.rowsPerCall(), "feature extraction with " + model.name(), (chunk, offset) -> {
            Dataset data = Chunks.dataset(Chunks.samples(chunk, inputIndex, inputColumn, kind, offset));
            FeatureMatrix f = extractor.extract(data, model.layers(), Progress.NONE);
            List<Row> out = new ArrayList<>(chunk.size());
            for (int r = 0; r < chunk.size(); r++) {
                out.add(Chunks.append(chunk.get(r), columns.of(f.row(r))));
            }
            return out;
        });
    }
}
