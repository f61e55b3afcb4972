package org.xfer4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.xfer4j.api.repurpose.Predictions;

/** The task run on each partition by {@link XferPredictor}: its rows followed by probabilities and label. */
record PartitionPredictions(String artifactFile, String artifactSha256, ExtractionSettings settings, InputKind kind,
                            int inputIndex, String inputColumn) implements MapPartitionsFunction<Row, Row> {

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return rows;
        }
        LoadedArtifact loaded = (LoadedArtifact) ExecutorModels.open("artifact " + artifactSha256 + " " + settings,
                () -> LoadedArtifact.load(ExecutorModels.shipped(artifactFile), settings));
        return new Chunks(rows, settings.rowsPerCall(), "prediction with artifact " + artifactFile, (chunk, offset) -> {
            Predictions p = loaded.predict(Chunks.dataset(Chunks.samples(chunk, inputIndex, inputColumn, kind,
                    offset)));
            int[] labels = p.labels();
            List<Row> out = new ArrayList<>(chunk.size());
            for (int r = 0; r < chunk.size(); r++) {
                out.add(Chunks.append(chunk.get(r), p.probabilities()[r], p.classes().get(labels[r])));
            }
            return out;
        });
    }
}
