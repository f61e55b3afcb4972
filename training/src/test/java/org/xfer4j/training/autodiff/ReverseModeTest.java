package org.xfer4j.training.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

class ReverseModeTest {

    private static final int F = TensorProto.DataType.FLOAT_VALUE;

    /** x -> Sin -> MatMul(w) -> ReduceSum = s: Sin has no rule. */
    private static ModelProto erfThenMatMul() {
        GraphProto g = GraphProto.newBuilder().setName("erf")
                .addInput(ValueInfos.tensor("x", F, new long[] {2, 3}))
                .addInitializer(TensorProtos.floats("w", new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6}))
                .addNode(Attributes.node("Sin", "sin_layer", List.of("x"), List.of("e")))
                .addNode(Attributes.node("MatMul", "dense", List.of("e", "w"), List.of("y")))
                .addNode(Attributes.node("ReduceSum", "sum", List.of("y"), List.of("s"), Attributes.of("keepdims", 0L)))
                .addOutput(ValueInfos.tensor("s", F, new long[0])).build();
        return GradCheck.model(g);
    }

    @Test
    void unsupportedOperatorOnTheTrainablePathIsNamed() {
        assertThatThrownBy(() -> ReverseMode.differentiate(erfThenMatMul(), "s", List.of("x"),
                Map.of("x", new long[] {2, 3}))).isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("sin_layer (Sin)").hasMessageContaining("no gradient rule");
    }

    @Test
    void frozenRegionsNeedNoRule() {
        ReverseMode.Result r = ReverseMode.differentiate(erfThenMatMul(), "s", List.of("w"),
                Map.of("x", new long[] {2, 3}));
        assertThat(r.gradients()).containsEntry("w", "grad.w");
        assertThat(r.model().getGraph().getOutputList()).extracting(v -> v.getName()).containsExactly("s", "grad.w");
    }

    /** Training-mode dropout is random, so its rule is checked exactly: dx = dy * mask / (1 - ratio) = dy * y / x. */
    @Test
    void trainingDropoutGradientUsesTheForwardMask() throws Exception {
        float[] r = {1, -2, 3, 0.5f, -1, 2, 1.5f, -0.5f, 2, 1, -3, 0.25f};
        GraphProto g = GraphProto.newBuilder().setName("dropout")
                .addInput(ValueInfos.tensor("x", F, new long[] {3, 4}))
                .addInitializer(TensorProtos.floats("ratio", new long[0], new float[] {0.4f}))
                .addInitializer(TensorProto.newBuilder().setName("on").setDataType(TensorProto.DataType.BOOL_VALUE)
                        .addInt32Data(1))
                .addInitializer(TensorProtos.floats("r", new long[] {3, 4}, r))
                .addNode(Attributes.node("Dropout", "drop", List.of("x", "ratio", "on"), List.of("y"),
                        Attributes.of("seed", 5L)))
                .addNode(Attributes.node("Mul", "weigh", List.of("y", "r"), List.of("yr")))
                .addNode(Attributes.node("ReduceSum", "sum", List.of("yr"), List.of("s"),
                        Attributes.of("keepdims", 0L)))
                .addOutput(ValueInfos.tensor("s", F, new long[0])).addOutput(ValueInfos.tensor("y", F, null)).build();
        ReverseMode.Result grad = ReverseMode.differentiate(GradCheck.model(g), "s", List.of("x"),
                Map.of("x", new long[] {3, 4}));
        double[] x = new double[12];
        for (int i = 0; i < 12; i++) {
            x[i] = 0.5 + i;
        }
        Map<String, double[]> out;
        try (OrtValues run = new OrtValues(grad.model().toByteArray(), F)) {
            out = run.run(Map.of("x", new OrtValues.Value(x, new long[] {3, 4})), Map.of());
        }
        double[] y = out.get("y");
        double[] dx = out.get("grad.x");
        int dropped = 0;
        for (int i = 0; i < 12; i++) {
            assertThat(dx[i]).isCloseTo(r[i] * y[i] / x[i], org.assertj.core.api.Assertions.within(1e-5));
            dropped += y[i] == 0 ? 1 : 0;
        }
        assertThat(dropped).isBetween(1, 11);
    }

    @Test
    void refusesNonScalarLossAndUnknownTensors() {
        assertThatThrownBy(() -> ReverseMode.differentiate(erfThenMatMul(), "y", List.of("w"),
                Map.of("x", new long[] {2, 3}))).hasMessageContaining("one number");
        assertThatThrownBy(() -> ReverseMode.differentiate(erfThenMatMul(), "s", List.of("nope"),
                Map.of("x", new long[] {2, 3}))).hasMessageContaining("nope");
    }
}
