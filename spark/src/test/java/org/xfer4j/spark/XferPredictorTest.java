package org.xfer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposedModel;

/**
 * Batch prediction with a saved artifact on local[2] gives {@code predict}'s probabilities row for row (the features
 * are bitwise those of one process and the classifier is the same, so the doubles are equal; compared within 1e-12),
 * and the transformer saves and loads inside a Pipeline. The same model exported as one ONNX graph predicts the
 * same rows within 1e-5 (the graph's head runs in float64 but its probabilities output is float32).
 */
@Tag("network")
class XferPredictorTest {

    @TempDir
    static Path dir;
    private static Path artifact;
    private static Path graph;
    private static Predictions expected;

    @BeforeAll
    static void train() {
        var xfer = SharedSpark.xfer();
        var bge = SharedSpark.bge();
        try (RepurposedModel model = xfer.repurpose("lr", bge, List.of(bge.defaultFeatureLayer()),
                SharedSpark.subjects(), Map.of("C", "1"))) {
            artifact = dir.resolve("subjects.xfer");
            xfer.save(model, artifact);
            graph = dir.resolve("subjects.onnx");
            model.exportOnnx(graph);
            expected = model.predict(SharedSpark.subjects(), Progress.NONE);
        }
    }

    @Test
    void predictionsEqualTheSingleProcessOnesAndSurviveAPipelineSaveAndLoad() throws Exception {
        Dataset<Row> frame = SharedSpark.subjectFrame(7, 0, 53);
        XferPredictor predictor = new XferPredictor().setArtifact(artifact.toString()).setInputCol("subject")
                .setSettings(new ExtractionSettings(16, 1, 10));
        assertMatches(predictor.transform(frame).collectAsList(), 1e-12);

        Path saved = dir.resolve("pipeline");
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {predictor}).fit(frame);
        fitted.save(saved.toString());
        PipelineModel loaded = PipelineModel.load(saved.toString());
        XferPredictor reloaded = (XferPredictor) loaded.stages()[0];
        assertThat(reloaded.getOrDefault(reloaded.artifact())).isEqualTo(artifact.toString());
        assertThat(reloaded.getOrDefault(reloaded.rowsPerCall())).isEqualTo(10);
        assertMatches(loaded.transform(frame).collectAsList(), 1e-12);
    }

    @Test
    void anExportedGraphPredictsTheSameRowsAndSurvivesAPipelineSaveAndLoad() throws Exception {
        Dataset<Row> frame = SharedSpark.subjectFrame(23, 37);
        XferPredictor predictor = new XferPredictor().setArtifact(graph.toString()).setInputCol("subject")
                .setSettings(new ExtractionSettings(16, 1, 20));
        Path saved = dir.resolve("graph-pipeline");
        new Pipeline().setStages(new PipelineStage[] {predictor}).fit(frame).save(saved.toString());
        Dataset<Row> out = PipelineModel.load(saved.toString()).transform(frame);
        assertThat(out.schema()).isEqualTo(predictor.transformSchema(frame.schema()));
        assertMatches(out.collectAsList(), 1e-5);
    }

    @Test
    void aDamagedArtifactFailsOnTheExecutorNamingIt() throws Exception {
        byte[] bytes = Files.readAllBytes(artifact);
        bytes[bytes.length / 2] ^= 0x5a;
        Path damaged = Files.write(dir.resolve("damaged.xfer"), bytes);
        Dataset<Row> out = new XferPredictor().setArtifact(damaged.toString()).setInputCol("subject")
                .transform(SharedSpark.subjectFrame(60));
        assertThatThrownBy(out::collectAsList).satisfies(e -> assertThat(SparkFeatureExtractorTest.causes(e))
                .contains("InvalidInputException: artifact").contains("model.xfer"));
    }

    @Test
    void aMissingArtifactOrColumnIsRefusedOnTheDriver() {
        Dataset<Row> frame = SharedSpark.subjectFrame(60);
        assertThatThrownBy(() -> new XferPredictor().setInputCol("subject").transform(frame))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("set the artifact");
        assertThatThrownBy(() -> new XferPredictor().setArtifact(dir.resolve("none.xfer").toString())
                .setInputCol("subject").transform(frame)).hasMessageContaining("none.xfer does not exist");
        assertThatThrownBy(() -> new XferPredictor().setArtifact(artifact.toString()).transform(frame))
                .hasMessageContaining("no input column 'input'");
        String plain = SharedSpark.bge().onnxFile().toString(); // an .onnx file, but no exported model
        assertThatThrownBy(() -> new XferPredictor().setArtifact(plain).setInputCol("subject").transform(frame))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(plain)
                .hasMessageContaining("not a graph written by xfer4j export");
    }

    private static void assertMatches(List<Row> rows, double tolerance) {
        assertThat(rows).hasSize(60);
        int[] labels = expected.labels();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertThat(r.getInt(0)).isEqualTo(i);
            List<Object> p = r.getList(3);
            for (int k = 0; k < p.size(); k++) {
                assertThat((Double) p.get(k)).as("row %d class %d", i, k)
                        .isCloseTo(expected.probabilities()[i][k], within(tolerance));
            }
            assertThat(r.getString(4)).isEqualTo(expected.classes().get(labels[i]));
        }
    }
}
