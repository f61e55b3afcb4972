package org.xfer4j.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.LayerBlock;

class FeatureCacheTest {

    @TempDir
    Path dir;

    private static final FeatureMatrix TWO_LAYERS = new FeatureMatrix(2, 3, new float[] {1, 2, 3, 4, 5, Float.MIN_VALUE},
            List.of(new LayerBlock("conv", 0, 2), new LayerBlock("fc é", 2, 3)));

    @Test
    void storedFeaturesReadBackWithTheirLayerBlocks() {
        FeatureCache cache = new FeatureCache(dir.resolve("features"));
        assertThat(cache.get("k")).isEmpty();
        assertThat(cache.put("k", TWO_LAYERS)).isTrue();
        FeatureMatrix back = cache.get("k").orElseThrow();
        assertThat(back.rows()).isEqualTo(2);
        assertThat(back.values()).containsExactly(TWO_LAYERS.values());
        assertThat(back.blocks()).isEqualTo(TWO_LAYERS.blocks());
    }

    @Test
    void aTruncatedFileIsAMissThatTheNextPutReplaces() throws IOException {
        FeatureCache cache = new FeatureCache(dir);
        cache.put("k", TWO_LAYERS);
        Path file = dir.resolve("k.features");
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 3));
        assertThat(cache.get("k")).isEmpty();
        cache.put("k", TWO_LAYERS);
        assertThat(cache.get("k")).isPresent();
    }

    @Test
    void anUnwritableFolderIsNotAnError() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        FeatureCache cache = new FeatureCache(notAFolder.resolve("features"));
        assertThat(cache.put("k", TWO_LAYERS)).isFalse();
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void keysSeparateModelsLayersTheirOrderOptionsAndData() {
        String k = FeatureCache.key("m", List.of("a", "b"), Map.of("batchSize", "32"), "d");
        assertThat(k).hasSize(64).isEqualTo(FeatureCache.key("m", List.of("a", "b"), Map.of("batchSize", "32"), "d"));
        assertThat(List.of(FeatureCache.key("m2", List.of("a", "b"), Map.of("batchSize", "32"), "d"),
                FeatureCache.key("m", List.of("b", "a"), Map.of("batchSize", "32"), "d"),
                FeatureCache.key("m", List.of("ab"), Map.of("batchSize", "32"), "d"),
                FeatureCache.key("m", List.of("a", "b"), Map.of("batchSize", "8"), "d"),
                FeatureCache.key("m", List.of("a", "b"), Map.of("batchSize", "32"), "d2"))).doesNotContain(k);
    }
}
