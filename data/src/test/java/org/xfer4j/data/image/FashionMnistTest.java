package org.xfer4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;

@Tag("debian")
class FashionMnistTest {

    private static final Path CACHE = Path.of(System.getProperty("xfer4j.cache", "target/cache"));

    @Test
    void readsTheDebianFilesWithTheirKnownFirstExamples() {
        Dataset train = FashionMnist.train(CACHE);
        Dataset test = FashionMnist.test(CACHE);
        assertThat(train.size()).isEqualTo(60_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(train.classes()).hasSize(10).startsWith("T-shirt/top");
        // the first training image is an ankle boot, the first test image too; every class has 6,000 examples
        assertThat(train.label(0)).isEqualTo(9);
        assertThat(test.label(0)).isEqualTo(9);
        int[] counts = new int[10];
        for (int y : train.labels()) {
            counts[y]++;
        }
        assertThat(counts).containsOnly(6000);
        Sample.Image img = (Sample.Image) train.sample(0);
        assertThat(img.width()).isEqualTo(28);
        assertThat(img.height()).isEqualTo(28);
        assertThat(img.channels()).isEqualTo(1);
        int lit = 0;
        for (byte b : img.pixels()) {
            lit += b != 0 ? 1 : 0;
        }
        assertThat(lit).isBetween(100, 700);
        assertThat(((Sample.Image) train.sample(59_999)).pixels()).isNotEqualTo(img.pixels());
    }

    @Test
    void namesTheMissingFilesAndThePackageThatHasThem(@TempDir Path empty) {
        assertThatThrownBy(() -> FashionMnist.open(empty, "train", CACHE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz").hasMessageContaining("dataset-fashion-mnist");
    }
}
