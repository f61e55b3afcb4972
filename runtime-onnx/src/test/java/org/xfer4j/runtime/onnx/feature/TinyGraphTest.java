package org.xfer4j.runtime.onnx.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.runtime.onnx.TestModels;
import org.xfer4j.runtime.onnx.model.OnnxSourceModel;

/** A two-node graph, x -> Log -> Abs, written here: ready tensors in, and what a NaN activation does. */
class TinyGraphTest {

    @TempDir
    Path dir;

    @Test
    void tensorsSamplesRunAndNaNFeaturesAreRefusedNamingTheLayer() throws Exception {
        Path file = Files.write(dir.resolve("log.onnx"), logAbsGraph().toByteArray());
        OnnxSourceModel model = OnnxSourceModel.load(file.toString(), "log", file);
        assertThat(model.defaultFeatureLayer()).isEqualTo("abs");
        assertThat(model.layers()).extracting(l -> l.name() + ":" + l.opType()).containsExactly("log:Log", "abs:Abs");
        try (OnnxFeatureExtractor ex = new OnnxFeatureExtractor(model, ExtractionOptions.DEFAULT,
                TestModels.context())) {
            // the intermediate tensor "y" has no declared type in the graph: the runtime infers it
            FeatureMatrix f = ex.extract(data(1f, (float) Math.E), List.of("y", "abs"), Progress.NONE);
            assertThat(f.row(0)).containsExactly(new float[] {0f, 1f, 0f, 1f}, Offset.offset(1e-6f));
            assertThatThrownBy(() -> ex.extract(data(-1f, 1f), List.of("log"), Progress.NONE))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("layer log")
                    .hasMessageContaining("NaN");
        }
    }

    private static InMemoryDataset data(float a, float b) {
        Sample s = new Sample.Tensors(Map.of("x", Tensor.ofFloats(new float[] {a, b}, 2)));
        return new InMemoryDataset("one", List.of(), List.of(s), new int[] {-1});
    }

    static ModelProto logAbsGraph() {
        TypeProto floatsOf2 = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(2)))).build();
        GraphProto g = GraphProto.newBuilder().setName("tiny")
                .addInput(ValueInfoProto.newBuilder().setName("x").setType(floatsOf2))
                .addNode(NodeProto.newBuilder().setName("log").setOpType("Log").addInput("x").addOutput("y"))
                .addNode(NodeProto.newBuilder().setName("abs").setOpType("Abs").addInput("y").addOutput("z"))
                .addOutput(ValueInfoProto.newBuilder().setName("z").setType(floatsOf2)).build();
        return ModelProto.newBuilder().setIrVersion(7).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).build();
    }
}
