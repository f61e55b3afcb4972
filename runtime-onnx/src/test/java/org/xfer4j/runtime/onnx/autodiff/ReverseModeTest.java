package org.xfer4j.runtime.onnx.autodiff;

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

    /** x -> Erf -> MatMul(w) -> ReduceSum = s: Erf has no rule. */
    private static ModelProto erfThenMatMul() {
        GraphProto g = GraphProto.newBuilder().setName("erf")
                .addInput(ValueInfos.tensor("x", F, new long[] {2, 3}))
                .addInitializer(TensorProtos.floats("w", new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6}))
                .addNode(Attributes.node("Erf", "erf_layer", List.of("x"), List.of("e")))
                .addNode(Attributes.node("MatMul", "dense", List.of("e", "w"), List.of("y")))
                .addNode(Attributes.node("ReduceSum", "sum", List.of("y"), List.of("s"), Attributes.of("keepdims", 0L)))
                .addOutput(ValueInfos.tensor("s", F, new long[0])).build();
        return GradCheck.model(g);
    }

    @Test
    void unsupportedOperatorOnTheTrainablePathIsNamed() {
        assertThatThrownBy(() -> ReverseMode.differentiate(erfThenMatMul(), "s", List.of("x"),
                Map.of("x", new long[] {2, 3}))).isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("erf_layer (Erf)").hasMessageContaining("no gradient rule");
    }

    @Test
    void frozenRegionsNeedNoRule() {
        ReverseMode.Result r = ReverseMode.differentiate(erfThenMatMul(), "s", List.of("w"),
                Map.of("x", new long[] {2, 3}));
        assertThat(r.gradients()).containsEntry("w", "grad.w");
        assertThat(r.model().getGraph().getOutputList()).extracting(v -> v.getName()).containsExactly("s", "grad.w");
    }

    @Test
    void refusesNonScalarLossAndUnknownTensors() {
        assertThatThrownBy(() -> ReverseMode.differentiate(erfThenMatMul(), "y", List.of("w"),
                Map.of("x", new long[] {2, 3}))).hasMessageContaining("one number");
        assertThatThrownBy(() -> ReverseMode.differentiate(erfThenMatMul(), "s", List.of("nope"),
                Map.of("x", new long[] {2, 3}))).hasMessageContaining("nope");
    }
}
