package org.xfer4j.runtime.onnx.graph;

import org.xfer4j.runtime.onnx.fixtures.OrtRunner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;

/** Graphs of opset 9 compute the same after their attributes-turned-inputs and Softmax are rewritten for opset 13. */
class OpsetUpgradeTest {

    private static final int F = TensorProto.DataType.FLOAT_VALUE;

    private static ModelProto opset9(GraphProto g) {
        return ModelProto.newBuilder().setIrVersion(4).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(9)).build();
    }

    @Test
    void padSoftmaxDropoutReduceSumAndSqueezeKeepTheirMeaning() throws Exception {
        GraphProto g = GraphProto.newBuilder().setName("old")
                .addInput(ValueInfos.tensor("x", F, new long[] {2, 3, 4}))
                .addNode(Attributes.node("Pad", "pad", List.of("x"), List.of("p"), Attributes.of("pads", 0L, 1L, 0L,
                        0L, 0L, 2L), Attributes.of("value", 0.5f)))
                .addNode(Attributes.node("Softmax", "softmax", List.of("p"), List.of("s"), Attributes.of("axis", 1L)))
                .addNode(Attributes.node("Dropout", "dropout", List.of("s"), List.of("d"),
                        Attributes.of("ratio", 0.3f)))
                .addNode(Attributes.node("ReduceSum", "sum", List.of("d"), List.of("r"),
                        Attributes.of("axes", new long[] {2})))
                .addNode(Attributes.node("Unsqueeze", "unsqueeze", List.of("r"), List.of("u"),
                        Attributes.of("axes", new long[] {0})))
                .addNode(Attributes.node("Squeeze", "squeeze", List.of("u"), List.of("y"),
                        Attributes.of("axes", new long[] {0})))
                .addOutput(ValueInfos.tensor("y", F, null)).build();
        ModelProto old = opset9(g);
        OnnxGraph upgraded = OnnxGraph.of(old, "old");
        assertThat(upgraded.opset()).isEqualTo(13);
        float[] x = OrtRunner.random(3, 24);
        float[] expected = OrtRunner.run(old.toByteArray(), "x", x, 2, 3, 4);
        float[] actual = OrtRunner.run(upgraded.toBytes(), "x", x, 2, 3, 4);
        assertThat(actual).hasSize(2 * 4).containsExactly(expected, within(1e-6f));
        // the old Softmax normalised over axes 1 and 2 together: each example's values sum to 1 over both
        assertThat(expected[0] + expected[1] + expected[2] + expected[3]).isCloseTo(1f, within(1e-5f));
    }

    @Test
    void refusesOperatorsItCannotUpgrade() {
        GraphProto g = GraphProto.newBuilder().setName("old")
                .addInput(ValueInfos.tensor("x", F, new long[] {1, 1, 2, 2}))
                .addNode(Attributes.node("Upsample", "up", List.of("x", "scales"), List.of("y")))
                .addInitializer(TensorProtos.floats("scales", new long[] {4}, new float[] {1, 1, 2, 2}))
                .addOutput(ValueInfos.tensor("y", F, null)).build();
        assertThatThrownBy(() -> OnnxGraph.of(opset9(g), "old.onnx")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("old.onnx").hasMessageContaining("up (Upsample)");
    }
}
