package org.xfer4j.importer.tfjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.data.image.ImageFiles;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.image.ImageSpec;
import org.xfer4j.testkit.Prerequisites;

/** Imported graphs give what the original TF.js runtime gives, within 1e-4, on real images. */
@Tag("network")
@Tag("debian")
@Tag("node")
class TfjsReferenceTest {

    private static final double TOLERANCE = 1e-4;
    private static final Path PHOTOS = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/images");

    @Test
    void mobileNetV2MatchesTfjsOnFashionMnistImages() throws Exception {
        Dataset test = FashionMnist.test(TfjsReference.CACHE);
        List<Sample.Image> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add((Sample.Image) test.sample(i));
        }
        compareMobileNet(fashionRgb(4), images);
    }

    @Test
    void mobileNetV2MatchesTfjsOnColourPhotos() throws Exception {
        Prerequisites.require(Files.isRegularFile(PHOTOS.resolve("china.jpg")),
                "the colour photos of Debian's python3-sklearn are not installed; colour comparison skipped");
        Sample.Image china = ImageFiles.decode(PHOTOS.resolve("china.jpg"));
        Sample.Image flower = ImageFiles.decode(PHOTOS.resolve("flower.jpg"));
        byte[] both = new byte[china.pixels().length * 2];
        System.arraycopy(china.pixels(), 0, both, 0, china.pixels().length);
        System.arraycopy(flower.pixels(), 0, both, china.pixels().length, flower.pixels().length);
        compareMobileNet(both, List.of(china, flower));
    }

    @Test
    void everySupportedLayerTypeMatchesTfjs(@TempDir Path dir) throws Exception {
        TfjsReference ref = TfjsReference.installed();
        Path modelJson = ref.conformanceModel(dir);
        List<String> layers = List.of("probs", "reshape_image", "bn", "separable", "avgpool_same", "dilated", "product",
                "gap", "gmp", "dense_seq", "bn_seq", "pad", "rescale", "capped_relu", "gate", "leaky", "elu",
                "maxpool_same", "dense_flat", "concat", "sum");
        int n = 4;
        TfjsReference.Run expected = ref.run(modelJson, fashionRgb(n), n, 28, 28, "11x13", layers);
        float[] a = Layouts.nhwcToNchw(expected.input(), n, 11, 13, 3);
        float[] b = new float[a.length];
        int per = a.length / n;
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, (n - 1 - i) * per, b, i * per, per);
        }
        long[] shape = {n, 3, 11, 13};
        Map<String, float[]> actual = OrtProbe.run(TfjsImporter.toOnnx(TfjsModel.read(modelJson)),
                Map.of("image_a", a, "image_b", b), Map.of("image_a", shape, "image_b", shape), layers);
        assertClose(expected.layers(), actual);
    }

    /**
     * TF.js resizes and scales {@code rgb} (the pixels of {@code images}) and runs the original model; the imported
     * graph runs on that same input, and the zoo model's own preprocessing must reproduce the input (1e-5).
     */
    private static void compareMobileNet(byte[] rgb, List<Sample.Image> images) throws Exception {
        TfjsReference ref = TfjsReference.installed();
        Path bundle = Nsfwjs.mobileNetV2Bundle();
        List<String> layers = List.of("flatten_1", "dense_3", "block_3_project_BN", "Conv1_pad", "out_relu");
        int n = images.size();
        TfjsReference.Run expected = ref.run(bundle, rgb, n, images.getFirst().height(), images.getFirst().width(),
                "224x224", layers);
        try (ImagePreprocessor ours = new ImagePreprocessor("input_1", ImageSpec.tfjsUnitRange(224, 224), 2)) {
            float[] prepared = ours.prepare(new ArrayList<>(images)).get("input_1").floats();
            assertThat(Layouts.maxAbsDiff(prepared, Layouts.nhwcToNchw(expected.input(), n, 224, 224, 3)))
                    .as("our preprocessing against TF.js's").isLessThanOrEqualTo(1e-5);
        }
        Map<String, float[]> actual = OrtProbe.run(TfjsImporter.toOnnx(TfjsModel.readBundle(bundle)),
                Map.of("input_1", Layouts.nhwcToNchw(expected.input(), n, 224, 224, 3)),
                Map.of("input_1", new long[] {n, 3, 224, 224}), layers);
        assertClose(expected.layers(), actual);
        assertThat(actual.get("flatten_1")).hasSize(n * 1280);
    }

    /**
     * Every layer within {@code TOLERANCE}, measured relative to the layer's largest magnitude where that exceeds 1:
     * inner activations reach tens, where float32 rounding alone differs by more than 1e-4 absolute.
     */
    private static void assertClose(Map<String, float[]> expected, Map<String, float[]> actual) {
        Map<String, Double> diffs = new LinkedHashMap<>();
        for (var e : expected.entrySet()) {
            double scale = 1;
            for (float v : e.getValue()) {
                scale = Math.max(scale, Math.abs(v));
            }
            diffs.put(e.getKey(), Layouts.maxAbsDiff(e.getValue(), actual.get(e.getKey())) / scale);
        }
        assertThat(diffs).as("largest difference per layer, relative to max(1, largest magnitude)")
                .allSatisfy((layer, d) -> assertThat(d).as(layer).isLessThanOrEqualTo(TOLERANCE));
    }

    /** The first {@code n} Fashion-MNIST test images as 28x28 RGB (grey replicated). */
    static byte[] fashionRgb(int n) {
        Dataset test = FashionMnist.test(TfjsReference.CACHE);
        byte[] rgb = new byte[n * 28 * 28 * 3];
        for (int i = 0; i < n; i++) {
            byte[] grey = ((Sample.Image) test.sample(i)).pixels();
            for (int p = 0; p < grey.length; p++) {
                Arrays.fill(rgb, (i * grey.length + p) * 3, (i * grey.length + p) * 3 + 3, grey[p]);
            }
        }
        return rgb;
    }
}
