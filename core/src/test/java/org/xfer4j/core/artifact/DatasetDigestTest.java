package org.xfer4j.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;

class DatasetDigestTest {

    private static InMemoryDataset texts(String name, int[] labels, String... texts) {
        return InMemoryDataset.ofTexts(name, List.of("ham", "spam"), List.of(texts), labels);
    }

    @Test
    void digestDependsOnContentNotOnTheName() {
        String d = DatasetDigest.of(texts("a", new int[] {0, 1}, "hello", "win money"));
        assertThat(d).hasSize(64).isEqualTo(DatasetDigest.of(texts("b", new int[] {0, 1}, "hello", "win money")));
        assertThat(DatasetDigest.of(texts("a", new int[] {1, 1}, "hello", "win money"))).as("a label").isNotEqualTo(d);
        assertThat(DatasetDigest.of(texts("a", new int[] {0, 1}, "hello!", "win money"))).as("a text").isNotEqualTo(d);
        assertThat(DatasetDigest.of(texts("a", new int[] {0, 1}, "hellow", "in money")))
                .as("text boundaries").isNotEqualTo(d);
    }

    @Test
    void imagesAndTensorsAreHashedByTheirValues() {
        InMemoryDataset img = new InMemoryDataset("i", List.of("a"), List.of(new Sample.Image(1, 2, 1, new byte[] {1, 2})),
                new int[] {0});
        InMemoryDataset img2 = new InMemoryDataset("i", List.of("a"), List.of(new Sample.Image(2, 1, 1, new byte[] {1, 2})),
                new int[] {0});
        assertThat(DatasetDigest.of(img)).as("same pixels, other size").isNotEqualTo(DatasetDigest.of(img2));
        Sample t1 = new Sample.Tensors(java.util.Map.of("x", Tensor.ofFloats(new float[] {1, 2}, 2)));
        Sample t2 = new Sample.Tensors(java.util.Map.of("x", Tensor.ofFloats(new float[] {1, 3}, 2)));
        assertThat(DatasetDigest.of(new InMemoryDataset("t", List.of("a"), List.of(t1), new int[] {0})))
                .isNotEqualTo(DatasetDigest.of(new InMemoryDataset("t", List.of("a"), List.of(t2), new int[] {0})));
    }
}
