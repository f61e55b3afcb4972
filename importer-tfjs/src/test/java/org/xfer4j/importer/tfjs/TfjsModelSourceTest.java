package org.xfer4j.importer.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.Device;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.model.ClassificationHead;
import org.xfer4j.api.model.ModelSource;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.model.OnnxSourceModel;

@Tag("network")
@Tag("debian")
class TfjsModelSourceTest {

    private static final ProviderContext CONTEXT = new ProviderContext(TfjsReference.CACHE, Device.CPU, 2, 42,
            Progress.NONE);

    @Test
    void isDeclaredAsAModelSourceOnBothPathsWithItsZoo() throws Exception {
        var descriptor = TfjsModelSource.class.getModule().getDescriptor();
        assertThat(descriptor.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo(ModelSource.class.getName());
            assertThat(p.providers()).containsExactly(TfjsModelSource.class.getName());
        });
        try (var in = TfjsModelSource.class.getResourceAsStream("/META-INF/services/" + ModelSource.class.getName())) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim())
                    .isEqualTo(TfjsModelSource.class.getName());
        }
        ModelSource tfjs = new TfjsModelSource();
        assertThat(tfjs.id()).isEqualTo("tfjs");
        assertThat(tfjs.catalogue()).containsExactly("mobilenet-v2", "inception-v3");
        assertThat(tfjs.accepts("mobilenet-v2")).isTrue();
        assertThat(tfjs.accepts("tfjs:/models/x/model.json")).isTrue();
        assertThat(tfjs.accepts("bge-small-en-v1.5")).isFalse();
    }

    @Test
    void zooModelsNameTheirOwnHeadsClassesFromThePackage() {
        try (SourceModel m = new TfjsModelSource().open("mobilenet-v2", CONTEXT)) {
            // nsfwjs' dist/cjs/nsfw_classes.js, in the softmax layer's output order
            assertThat(m.classificationHead()).contains(new ClassificationHead("dense_3",
                    List.of("Drawing", "Hentai", "Neutral", "Porn", "Sexy")));
            assertThatThrownBy(() -> ((OnnxSourceModel) m).withClassificationHead(
                    new ClassificationHead("dense_3", List.of("cat", "dog"))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("dense_3 outputs 5 values");
        }
    }

    @Test
    void classNamesFilesAreReadInIndexOrderAndAGapIsNamed(@TempDir Path dir) throws Exception {
        Path ok = Files.writeString(dir.resolve("classes.js"), "export var C = {\n 1: 'dog',\n 0: \"cat\"\n};");
        assertThat(ClassNamesFile.read(ok)).containsExactly("cat", "dog");
        Path gap = Files.writeString(dir.resolve("gap.js"), "{0: 'cat', 2: 'dog'}");
        assertThatThrownBy(() -> ClassNamesFile.read(gap)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("gap.js");
    }

    @Test
    void mobileNetV2GivesPooledFeaturesOfFashionMnistImages() throws Exception {
        try (SourceModel m = new TfjsModelSource().open("mobilenet-v2", CONTEXT)) {
            assertThat(m.defaultFeatureLayer()).isEqualTo("flatten_1");
            assertThat(m.preprocessor()).isInstanceOf(ImagePreprocessor.class);
            assertThat(m.inputs().getFirst().shape()).containsExactly(-1L, 3L, 224L, 224L);
            long stamp = Files.getLastModifiedTime(m.onnxFile()).toMillis();
            Dataset images = FashionMnist.test(CONTEXT.cacheDir()).subset(new int[] {0, 1, 2, 3, 4, 5});
            try (OnnxFeatureExtractor ex = new OnnxFeatureExtractor(m, new ExtractionOptions(4, 2), CONTEXT)) {
                FeatureMatrix f = ex.extract(images, List.of(), Progress.NONE);
                assertThat(f.rows()).isEqualTo(6);
                assertThat(f.columns()).isEqualTo(1280);
                // batch-invariant: each image alone gets, bit for bit, its features from the batches of 4 and 2
                for (int i = 0; i < images.size(); i++) {
                    assertThat(ex.extract(images.subset(new int[] {i}), List.of(), Progress.NONE).row(0))
                            .as("image %d alone", i).containsExactly(f.row(i));
                }
                FeatureMatrix conv = ex.extract(images, List.of("out_relu"), Progress.NONE);
                // flatten_1 is the 7x7 average of out_relu: the runtime's spatial mean pooling gives the same
                for (int i = 0; i < f.values().length; i++) {
                    assertThat(conv.values()[i]).isCloseTo(f.values()[i], org.assertj.core.api.Assertions.within(1e-5f));
                }
            }
            try (SourceModel again = new TfjsModelSource().open("mobilenet-v2", CONTEXT)) {
                assertThat(Files.getLastModifiedTime(again.onnxFile()).toMillis()).isEqualTo(stamp);
                assertThat(again.sha256()).isEqualTo(m.sha256());
            }
        }
    }

    @Test
    void aLocalModelIsImportedOnceAndReimportedWhenItsCachedGraphIsDamaged(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("tiny/model.json");
        Files.createDirectories(json.getParent());
        ByteBuffer w = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(0.5f);
        Files.write(dir.resolve("tiny/w.bin"), w.array());
        Files.writeString(json, """
                {"modelTopology":{"class_name":"Sequential","config":{"name":"s","layers":[{"class_name":"Dense",
                "config":{"name":"d","units":1,"activation":"relu","batch_input_shape":[null,2]}}]}},
                "weightsManifest":[{"paths":["w.bin"],"weights":[{"name":"d/kernel","shape":[2,1],"dtype":"float32"},
                {"name":"d/bias","shape":[1],"dtype":"float32"}]}]}""");
        ProviderContext ctx = new ProviderContext(dir.resolve("cache"), Device.CPU, 1, 1, Progress.NONE);
        Path onnx;
        String sha;
        try (SourceModel m = new TfjsModelSource().open("tfjs:" + json, ctx)) {
            onnx = m.onnxFile();
            sha = m.sha256();
            assertThat(m.name()).isEqualTo("tiny");
            assertThat(m.layer("d").opType()).isEqualTo("Relu");
        }
        Files.write(onnx, new byte[] {1, 2, 3});
        try (SourceModel m = new TfjsModelSource().open("tfjs:" + json, ctx)) {
            assertThat(m.sha256()).isEqualTo(sha);
        }
    }

    @Test
    void aMissingLocalModelIsNamed() {
        assertThatThrownBy(() -> new TfjsModelSource().open("tfjs:/nowhere/model.json", CONTEXT))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("/nowhere/model.json");
    }
}
