package org.xfer4j.runtime.onnx.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;

class ImagePreprocessorTest {

    @Test
    void greyImagesBecomeThreeEqualNormalisedPlanes() {
        byte[] px = {0, (byte) 255, (byte) 128, 64};
        ImageSpec spec = new ImageSpec(2, 2, 3, 0, true, false, 1f / 255, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f});
        try (ImagePreprocessor p = new ImagePreprocessor("x", spec, 1)) {
            Tensor t = p.prepare(List.of(new Sample.Image(2, 2, 1, px))).get("x");
            assertThat(t.shape()).containsExactly(1, 3, 2, 2);
            float[] v = t.floats();
            for (int c = 0; c < 3; c++) {
                assertThat(v[c * 4]).isCloseTo(-1f, within(1e-6f));
                assertThat(v[c * 4 + 1]).isCloseTo(1f, within(1e-6f));
                assertThat(v[c * 4 + 3]).isCloseTo(64 / 127.5f - 1, within(1e-6f));
            }
        }
    }

    @Test
    void alignedCornersKeepTheCornersAndInterpolateBetween() {
        byte[] px = {0, 100}; // 2 x 1, one channel
        ImageSpec spec = new ImageSpec(5, 1, 1, 0, true, false, 1, new float[1], new float[] {1});
        try (ImagePreprocessor p = new ImagePreprocessor("x", spec, 1)) {
            assertThat(p.prepare(List.of(new Sample.Image(2, 1, 1, px))).get("x").floats())
                    .containsExactly(0f, 25f, 50f, 75f, 100f);
        }
    }

    @Test
    void bgrOrderSwapsTheOuterPlanes() {
        byte[] px = {10, 20, 30};
        ImageSpec spec = new ImageSpec(1, 1, 3, 0, false, true, 1, new float[3], new float[] {1, 1, 1});
        try (ImagePreprocessor p = new ImagePreprocessor("x", spec, 1)) {
            assertThat(p.prepare(List.of(new Sample.Image(1, 1, 3, px))).get("x").floats())
                    .containsExactly(30f, 20f, 10f);
        }
    }

    @Test
    void centreCropTakesTheMiddleOfTheResizedImage() {
        byte[] px = new byte[6 * 2]; // 6 wide, 2 high, columns numbered 0..5 times 10
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 6; x++) {
                px[y * 6 + x] = (byte) (x * 10);
            }
        }
        ImageSpec spec = new ImageSpec(2, 2, 1, 2, false, false, 1, new float[1], new float[] {1});
        try (ImagePreprocessor p = new ImagePreprocessor("x", spec, 1)) {
            // the shorter side is already 2: no resize, columns 2 and 3 are the centre
            assertThat(p.prepare(List.of(new Sample.Image(6, 2, 1, px))).get("x").floats())
                    .containsExactly(20f, 30f, 20f, 30f);
        }
    }

    @Test
    void threadsGiveTheSameBatchAsOneThread() {
        Random r = new Random(7);
        List<Sample> batch = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            byte[] px = new byte[30 * 20 * 3];
            r.nextBytes(px);
            batch.add(new Sample.Image(30, 20, 3, px));
        }
        ImageSpec spec = ImageSpec.imagenet(16, 18);
        try (ImagePreprocessor one = new ImagePreprocessor("x", spec, 1);
                ImagePreprocessor four = new ImagePreprocessor("x", spec, 4)) {
            assertThat(four.prepare(batch).get("x")).isEqualTo(one.prepare(batch).get("x"));
        }
    }

    @Test
    void textSamplesAreRefusedWithTheirPosition() {
        try (ImagePreprocessor p = new ImagePreprocessor("pixels", ImageSpec.tfjsUnitRange(4, 4), 1)) {
            assertThatThrownBy(() -> p.prepare(List.of(new Sample.Text("hello"))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("pixels")
                    .hasMessageContaining("example 0");
        }
    }
}
