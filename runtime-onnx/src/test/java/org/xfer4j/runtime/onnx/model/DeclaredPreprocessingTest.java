package org.xfer4j.runtime.onnx.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.TestModels;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * Declared preprocessing of .onnx files, checked on a channels-last graph written here (x [N, 8, 8, 3] -> Transpose to
 * NCHW): the layout is read from the graph, channel order and normalisation from the declaration, and a one-colour
 * image's features are its normalised channel values exactly; the sidecar file beats the metadata, the option beats
 * both; ONNX's standard image metadata counts as a declaration.
 */
class DeclaredPreprocessingTest {

    @TempDir
    Path dir;

    private static final byte R = (byte) 200;
    private static final byte G = 100;
    private static final byte B = 50;

    @Test
    void aChannelsLastGraphGetsItsLayoutFromTheGraphAndItsNumbersFromTheDeclaration() {
        Path file = write("nhwc.onnx", Map.of());
        SourceModel m = new OnnxFileSource().open(file.toString(), Map.of("preset", "raw", "channels", "bgr"),
                TestModels.context());
        assertThat(m.preprocessing()).containsEntry("layout", "nhwc").containsEntry("height", "8")
                .containsEntry("width", "8").containsEntry("channels", "bgr").containsEntry("scale", "1.0");
        // the graph's NCHW output, averaged over space: B, G, R of the one-colour image, in that order
        assertThat(features(m)).containsExactly(new float[] {50, 100, 200}, Offset.offset(1e-3f));
        SourceModel again = new OnnxFileSource().open(file.toString(), m.preprocessing(), TestModels.context());
        assertThat(again.preprocessing()).isEqualTo(m.preprocessing());
        assertThat(again.preprocessor().describe()).isEqualTo(m.preprocessor().describe());
    }

    @Test
    void theOptionBeatsTheFileBesideTheModelWhichBeatsTheMetadata() throws Exception {
        Path file = write("ranked.onnx", Map.of("xfer4j.preprocess.mean", "0.1", "xfer4j.preprocess.std", "0.5",
                "Image.BitmapPixelFormat", "Bgr8"));
        SourceModel fromMetadata = new OnnxFileSource().open(file.toString(), Map.of(), TestModels.context());
        assertThat(fromMetadata.preprocessing()).containsEntry("mean", "0.1,0.1,0.1").containsEntry("channels", "bgr");
        // (50/255 - 0.1) / 0.5 for blue first
        assertThat(features(fromMetadata)[0]).isCloseTo((50 / 255f - 0.1f) / 0.5f, Offset.offset(1e-5f));

        Files.writeString(dir.resolve("ranked.preprocess.properties"), "mean=0.2\nchannels=rgb\n");
        SourceModel fromFile = new OnnxFileSource().open(file.toString(), Map.of(), TestModels.context());
        assertThat(fromFile.preprocessing()).containsEntry("mean", "0.2,0.2,0.2").containsEntry("std", "0.5,0.5,0.5")
                .containsEntry("channels", "rgb");
        SourceModel fromOption = new OnnxFileSource().open(file.toString(), Map.of("mean", "0.3,0.4,0.5"),
                TestModels.context());
        assertThat(fromOption.preprocessing()).containsEntry("mean", "0.3,0.4,0.5").containsEntry("channels", "rgb");
        assertThat(features(fromOption)[0]).isCloseTo((200 / 255f - 0.3f) / 0.5f, Offset.offset(1e-5f));
    }

    @Test
    void standardImageMetadataDeclaresFormatAndRange() {
        Path file = write("winml.onnx", Map.of("Image.BitmapPixelFormat", "Rgb8",
                "Image.NominalPixelRange", "Normalized_1_1"));
        SourceModel m = new OnnxFileSource().open(file.toString(), Map.of(), TestModels.context());
        assertThat(m.preprocessing()).containsEntry("mean", "0.5,0.5,0.5").containsEntry("std", "0.5,0.5,0.5");
        assertThat(features(m)[0]).isCloseTo(200 / 255f * 2 - 1, Offset.offset(1e-5f));
    }

    @Test
    void badOrConflictingDeclarationsNameTheKeyAndWhereItCameFrom() throws Exception {
        Path file = write("bad.onnx", Map.of());
        assertThatThrownBy(() -> new OnnxFileSource().open(file.toString(), Map.of("preset", "raw", "height", "9"),
                TestModels.context())).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("height=9 (from --preprocess) but the graph fixes the image height at 8");
        assertThatThrownBy(() -> new OnnxFileSource().open(file.toString(), Map.of("preset", "raw", "channels", "grey"),
                TestModels.context())).hasMessageContaining("has 3 channel(s)");
        Files.writeString(dir.resolve("bad.preprocess.properties"), "mean=0.5\nstd=zero\n");
        assertThatThrownBy(() -> new OnnxFileSource().open(file.toString(), Map.of(), TestModels.context()))
                .hasMessageContaining("std=zero (from " + dir.resolve("bad.preprocess.properties") + ")");
        Files.delete(dir.resolve("bad.preprocess.properties"));
        // nothing declared: the model opens, and an image names what is missing when it arrives
        SourceModel undeclared = new OnnxFileSource().open(file.toString(), Map.of(), TestModels.context());
        assertThatThrownBy(() -> features(undeclared)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("declares mean and std").hasMessageContaining("layout nhwc");
    }

    @Test
    void optionTextSplitsKeyValuePairsAndKeepsListsTogether() {
        assertThat(PreprocessingDeclaration.parse(List.of("mean=0.5,0.5,0.5,std=0.25,height=48", "width=192")))
                .containsExactly(Map.entry("mean", "0.5,0.5,0.5"), Map.entry("std", "0.25"),
                        Map.entry("height", "48"), Map.entry("width", "192"));
        assertThatThrownBy(() -> PreprocessingDeclaration.parse(List.of("imagenet")))
                .hasMessageContaining("expected key=value pairs");
    }

    private float[] features(SourceModel m) {
        byte[] px = new byte[16 * 12 * 3];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = R;
            px[i + 1] = G;
            px[i + 2] = B;
        }
        InMemoryDataset one = new InMemoryDataset("one", List.of(), List.of(new Sample.Image(16, 12, 3, px)),
                new int[] {-1});
        try (OnnxFeatureExtractor ex = new OnnxFeatureExtractor(m, ExtractionOptions.DEFAULT, TestModels.context())) {
            FeatureMatrix f = ex.extract(one, List.of("nchw"), Progress.NONE);
            return f.row(0);
        }
    }

    /** x [N, 8, 8, 3] -> Transpose(0, 3, 1, 2) -> nchw [N, 3, 8, 8], with the given metadata_props. */
    private Path write(String name, Map<String, String> metadata) {
        GraphProto g = GraphProto.newBuilder().setName("nhwc")
                .addInput(ValueInfos.tensor("x", TensorProto.DataType.FLOAT_VALUE, new long[] {-1, 8, 8, 3}))
                .addNode(NodeProto.newBuilder().setName("nchw").setOpType("Transpose").addInput("x").addOutput("y")
                        .addAttribute(AttributeProto.newBuilder().setName("perm").setType(AttributeProto.AttributeType.INTS)
                                .addAllInts(List.of(0L, 3L, 1L, 2L))))
                .addOutput(ValueInfos.tensor("y", TensorProto.DataType.FLOAT_VALUE, new long[] {-1, 3, 8, 8})).build();
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(7).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13));
        metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        try {
            return Files.write(dir.resolve(name), m.build().toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
