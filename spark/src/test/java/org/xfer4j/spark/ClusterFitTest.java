package org.xfer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;

/**
 * A meta-model fitted on features gathered from the cluster: under the limit every row is collected and the fit
 * equals one on the single-process features; over it a seeded stratified sample keeps both classes and says so.
 */
@Tag("network")
class ClusterFitTest {

    @Test
    void collectsWhenItFitsAndSamplesStratifiedOtherwise() {
        var bge = SharedSpark.bge();
        Dataset<Row> features = SparkFeatureExtractor.of(SharedSpark.spark(), bge)
                .extract(SharedSpark.subjectFrame(20, 40), "subject", InputKind.TEXT).cache();

        ClusterFit.Result all = ClusterFit.fit(SharedSpark.xfer(), "lr", features, "features", "label",
                Map.of("C", "1"), GatherLimit.DEFAULT);
        assertThat(all.gathering()).isEqualTo(ClusterFit.Gathering.COLLECTED);
        assertThat(all.usedRows()).isEqualTo(60);
        assertThat(all.summary()).contains("on all 60 rows collected");
        FeatureMatrix local = SharedSpark.xfer().extract(bge, SharedSpark.subjects(), List.of(bge.defaultFeatureLayer()));
        FeatureClassifier reference = SharedSpark.xfer().fit("lr", new FeatureSet(local,
                SharedSpark.subjects().labels(), SharedSpark.subjects().classes()), Map.of("C", "1"));
        assertThat(all.classifier().classes()).isEqualTo(reference.classes());
        double[][] p = all.classifier().predict(local).probabilities();
        double[][] q = reference.predict(local).probabilities();
        for (int i = 0; i < p.length; i++) {
            // the same rows in another order: the solver's result agrees to its tolerance, not bitwise
            assertThat(p[i][1]).as("row %d", i).isCloseTo(q[i][1], within(1e-4));
        }

        ClusterFit.Result sample = ClusterFit.fit(SharedSpark.xfer(), "lr", features, "features", "label",
                Map.of("C", "1"), new GatherLimit(20, 1L << 30, 7));
        assertThat(sample.gathering()).isEqualTo(ClusterFit.Gathering.SAMPLED);
        assertThat(sample.totalRows()).isEqualTo(60);
        assertThat(sample.usedRows()).isBetween(ClusterFit.MIN_PER_CLASS * 2, 45);
        assertThat(sample.summary()).contains("stratified sample").contains("seed 7");
        assertThat(sample.classifier().classes()).containsExactly("ham", "spam");
        // seeded: the same limit draws the same sample
        assertThat(ClusterFit.fit(SharedSpark.xfer(), "lr", features, "features", "label", Map.of("C", "1"),
                new GatherLimit(20, 1L << 30, 7)).usedRows()).isEqualTo(sample.usedRows());
        features.unpersist();
    }
}
