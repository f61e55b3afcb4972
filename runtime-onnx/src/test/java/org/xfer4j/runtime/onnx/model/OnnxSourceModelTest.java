package org.xfer4j.runtime.onnx.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.DType;
import org.xfer4j.api.model.LayerInfo;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.TestModels;

@Tag("network")
class OnnxSourceModelTest {

    private static final String LAST = "/encoder/layer.11/output/LayerNorm/Add_1";

    @TempDir
    Path dir;

    @Test
    void bgeInputsHashAndDefaults() throws Exception {
        OnnxSourceModel bge = TestModels.bge();
        assertThat(bge.reference()).isEqualTo("bge-small-en-v1.5");
        assertThat(bge.inputs()).extracting(i -> i.name() + ":" + i.dtype() + i.shape())
                .containsExactly("input_ids:INT64[-1, -1]", "attention_mask:INT64[-1, -1]",
                        "token_type_ids:INT64[-1, -1]");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(bge.onnxFile())));
        assertThat(bge.sha256()).isEqualTo(expected).hasSize(64);
        assertThat(bge.defaultFeatureLayer()).isEqualTo(LAST);
        assertThat(bge.pooling().sequence()).isEqualTo(Pooling.Sequence.FIRST_TOKEN);
        assertThat(TestModels.miniLm().pooling().sequence()).isEqualTo(Pooling.Sequence.MASKED_MEAN);
        assertThat(TestModels.miniLm().defaultFeatureLayer()).isEqualTo("/encoder/layer.5/output/LayerNorm/Add_1");
    }

    @Test
    void catalogueListsExampleDependentNodesWithShapesAndParameters() {
        OnnxSourceModel bge = TestModels.bge();
        LayerInfo last = bge.layer(LAST);
        assertThat(last.opType()).isEqualTo("Add");
        assertThat(last.outputs()).containsExactly("last_hidden_state");
        assertThat(last.outputShapes()).containsEntry("last_hidden_state", List.of(-1L, -1L, 384L));
        assertThat(last.parameters()).containsExactly("encoder.layer.11.output.LayerNorm.bias");
        assertThat(last.parameterCount()).isEqualTo(384);
        // a tensor name finds the node that outputs it
        assertThat(bge.layer("last_hidden_state")).isEqualTo(last);
        LayerInfo query = bge.layer("/encoder/layer.11/attention/self/query/MatMul_quant");
        assertThat(query.opType()).isEqualTo("MatMulInteger");
        assertThat(query.parameterCount()).isGreaterThanOrEqualTo(384L * 384);
        // constants and shape arithmetic are no layers
        assertThat(bge.layers()).extracting(LayerInfo::opType).doesNotContain("Constant", "Shape");
        assertThat(bge.layers()).extracting(LayerInfo::name).contains("/embeddings/LayerNorm/Add_1",
                "/encoder/layer.0/output/LayerNorm/Add_1");
    }

    @Test
    void unknownLayerNamesItAndSuggestsCloseNames() {
        assertThatThrownBy(() -> TestModels.bge().layer("/encoder/layer.11/output/LayerNorm/Add1"))
                .isInstanceOf(SourceModel.UnknownLayerException.class)
                .hasMessageContaining("'/encoder/layer.11/output/LayerNorm/Add1'")
                .hasMessageContaining(LAST);
        assertThatThrownBy(() -> TestModels.bge().withDefaultFeatureLayer("layer.99"))
                .isInstanceOf(SourceModel.UnknownLayerException.class).hasMessageContaining("layer.99");
    }

    @Test
    void truncatedOrCorruptFilesAreRefusedByName() throws Exception {
        byte[] real = Files.readAllBytes(TestModels.bge().onnxFile());
        Path truncated = Files.write(dir.resolve("truncated.onnx"), java.util.Arrays.copyOf(real, real.length / 3));
        assertThatThrownBy(() -> OnnxSourceModel.load("t", "t", truncated))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(truncated.toString())
                .hasMessageContaining("not a valid ONNX model");
        Path text = Files.writeString(dir.resolve("text.onnx"), "this is not a graph at all\n");
        assertThatThrownBy(() -> OnnxSourceModel.load("t", "t", text))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(text.toString());
        assertThatThrownBy(() -> OnnxSourceModel.load("t", "t", dir.resolve("missing.onnx")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing.onnx");
    }

    @Test
    void withersReplaceOneThingEach() {
        OnnxSourceModel bge = TestModels.bge();
        OnnxSourceModel mean = bge.withPooling(new Pooling(Pooling.Sequence.MASKED_MEAN, Pooling.Spatial.MEAN,
                OnnxSourceModel.ATTENTION_MASK));
        assertThat(mean.pooling().sequence()).isEqualTo(Pooling.Sequence.MASKED_MEAN);
        assertThat(mean.preprocessor()).isSameAs(bge.preprocessor());
        assertThat(bge.withDefaultFeatureLayer("/encoder/layer.5/output/LayerNorm/Add_1").defaultFeatureLayer())
                .isEqualTo("/encoder/layer.5/output/LayerNorm/Add_1");
        assertThatThrownBy(() -> bge.withPooling(new Pooling(Pooling.Sequence.MASKED_MEAN, Pooling.Spatial.MEAN,
                "mask"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("'mask'");
        assertThat(bge.inputs()).allMatch(i -> i.dtype() == DType.INT64);
    }
}
