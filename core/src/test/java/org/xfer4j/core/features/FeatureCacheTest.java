package org.xfer4j.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.LayerBlock;

/** Cached features come back only whole and for the key they were stored under; anything else is recomputed. */
class FeatureCacheTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private static final FeatureMatrix TWO_LAYERS = new FeatureMatrix(2, 3, new float[] {1, 2, 3, 4, 5, Float.MIN_VALUE},
            List.of(new LayerBlock("conv", 0, 2), new LayerBlock("fc é", 2, 3)));

    private static FeatureCache.Key key(String... parts) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < parts.length; i += 2) {
            m.put(parts[i], parts[i + 1]);
        }
        return new FeatureCache.Key(m);
    }

    private static final FeatureCache.Key K = key("model.sha256", "ab", "preprocess.spec", "3x224x224");

    private FeatureCache cache(Path folder) {
        return new FeatureCache(folder, warnings::add);
    }

    @Test
    void storedFeaturesReadBackWithTheirLayerBlocksAndTheFileHoldsItsKey() throws IOException {
        FeatureCache cache = cache(dir.resolve("features"));
        assertThat(cache.get(K)).isEmpty();
        assertThat(cache.put(K, TWO_LAYERS)).isTrue();
        FeatureMatrix back = cache.get(K).orElseThrow();
        assertThat(back.rows()).isEqualTo(2);
        assertThat(back.values()).containsExactly(TWO_LAYERS.values());
        assertThat(back.blocks()).isEqualTo(TWO_LAYERS.blocks());
        assertThat(new String(Files.readAllBytes(dir.resolve("features/" + K.id() + ".features")),
                java.nio.charset.StandardCharsets.UTF_8)).contains("preprocess.spec=3x224x224\n");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aCorruptedOrTruncatedFileIsRecomputedWithAWarningNeverUsed() throws IOException {
        FeatureCache cache = cache(dir);
        cache.put(K, TWO_LAYERS);
        Path file = dir.resolve(K.id() + ".features");
        byte[] good = Files.readAllBytes(file);
        // one feature value changed on disk (a bit flipped in the last float): the length and layout still fit
        byte[] flipped = good.clone();
        flipped[flipped.length - 33] ^= 0x10;
        Files.write(file, flipped);
        assertThat(cache.get(K)).isEmpty();
        assertThat(warnings).singleElement().asString().contains(file.toString()).contains("SHA-256")
                .contains("extracting the features again");
        Files.write(file, Arrays.copyOf(good, good.length - 3));
        assertThat(cache.get(K)).isEmpty();
        assertThat(warnings).hasSize(2);
        cache.put(K, TWO_LAYERS);
        assertThat(cache.get(K)).isPresent();
        assertThat(warnings).hasSize(2);
    }

    @Test
    void aFileUnderAnotherKeysNameIsNotUsed() throws IOException {
        FeatureCache cache = cache(dir);
        FeatureCache.Key other = key("model.sha256", "ab", "preprocess.spec", "3x299x299");
        cache.put(K, TWO_LAYERS);
        Files.copy(dir.resolve(K.id() + ".features"), dir.resolve(other.id() + ".features"));
        assertThat(cache.get(other)).isEmpty();
        assertThat(warnings).singleElement().asString().contains("written for other features");
    }

    @Test
    void anUnwritableFolderIsNotAnError() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        FeatureCache cache = cache(notAFolder.resolve("features"));
        assertThat(cache.put(K, TWO_LAYERS)).isFalse();
        assertThat(cache.get(K)).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void keysSeparateEveryPartAndItsValue() {
        assertThat(K.id()).hasSize(64).isEqualTo(key("preprocess.spec", "3x224x224", "model.sha256", "ab").id());
        assertThat(List.of(key("model.sha256", "ab").id(),
                key("model.sha256", "ab", "preprocess.spec", "3x224x22").id(),
                key("model.sha256", "ab", "preprocess.spec", "3x224x224", "pooling", "MEAN").id(),
                key("model.sha256", "a", "bpreprocess.spec", "3x224x224").id())).doesNotContain(K.id());
    }
}
