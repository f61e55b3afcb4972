package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.Xfer;

/** The README's "Embedding in Java" example, as written there, on a handful of made-up support tickets. */
@Tag("network")
class EmbeddingExampleTest {

    @Test
    void readmeExampleRepurposesSavesAndLoads(@TempDir Path dir) {
        List<String> texts = List.of("Win a free cruise, click now!!!", "Cheap meds, no prescription needed",
                "You have been selected for a cash prize", "Lowest mortgage rates, act today",
                "Minutes of Tuesday's design review", "Can you check the failing build on main?",
                "Lunch on Friday with the new team members", "Draft of the quarterly report attached");
        int[] labels = {1, 1, 1, 1, 0, 0, 0, 0};
        Dataset newData = InMemoryDataset.ofTexts("new", List.of("ham", "spam"),
                List.of("Claim your free prize money now", "Notes from the design meeting"), new int[] {1, 0});
        Path cache = Path.of(System.getProperty("xfer4j.cache"));
        try (Xfer xfer = Xfer.builder().optCacheDir(cache).optPluginsDir(dir.resolve("plugins")).build();
                SourceModel bge = xfer.openModel("bge-small-en-v1.5")) {
            Dataset train = InMemoryDataset.ofTexts("tickets", List.of("ham", "spam"), texts, labels);
            try (RepurposedModel model = xfer.repurpose("gp", bge, List.of(bge.defaultFeatureLayer()), train, Map.of())) {
                Predictions p = model.predict(newData, Progress.NONE);
                xfer.save(model, dir.resolve("tickets.xfer"));
                assertThat(p.labels()).containsExactly(1, 0);
                try (RepurposedModel loaded = xfer.load(dir.resolve("tickets.xfer"))) {
                    assertThat(loaded.predict(newData, Progress.NONE).probabilities()).isDeepEqualTo(p.probabilities());
                }
            }
        }
    }
}
