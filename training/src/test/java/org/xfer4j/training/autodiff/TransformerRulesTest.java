package org.xfer4j.training.autodiff;

import static org.xfer4j.runtime.onnx.graph.Attributes.of;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xfer4j.runtime.onnx.graph.Attributes;

/**
 * The operators of BERT-style encoders as PyTorch exports them to ONNX, against central finite differences: one at a
 * time, then in the chains the exports use (decomposed layer norm and GELU, masked multi-head attention).
 */
class TransformerRulesTest {

    @Test
    void embeddingLookupAddsUpRepeatedTokens() throws Exception {
        // token 1 occurs three times (once as -4), so its row collects three shares
        GradCheck.of("Gather").in("table", 5, 3).indices("ids", new long[] {2, 3}, 1, 4, 1, 0, -4, 2).check();
        GradCheck.of("Gather").in("x", 2, 4, 3).indices("idx", new long[] {3}, 3, 0, 3).attr(of("axis", 1L)).check();
    }

    @Test
    void normalisationAndActivations() throws Exception {
        GradCheck.of("LayerNormalization").in("x", 2, 3, 4).in("scale", 4).in("bias", 4).check();
        GradCheck.of("LayerNormalization").in("x", 2, 3, 4).in("scale", 3, 4).attr(of("axis", 1L))
                .attr(of("epsilon", 1e-3f)).check();
        GradCheck.of("Pow").in("x", 0.5, 2.0, 2, 3).in("p", 0.5, 3.0, 1).check();
        GradCheck.of("Erf").in("x", -2.0, 2.0, 3, 4).check();
        GradCheck.of("Gelu").in("x", -3.0, 3.0, 3, 4).opset(20).check();
        GradCheck.of("Gelu").in("x", -3.0, 3.0, 3, 4).attr(of("approximate", "tanh")).opset(20).check();
        GradCheck.of("Tanh").in("x", -2.0, 2.0, 3, 4).check();
        GradCheck.of("Softmax").in("x", 2, 2, 3, 3).attr(of("axis", -1L)).check();
        GradCheck.of("MatMul").in("q", 2, 2, 3, 4).in("k", 2, 2, 4, 3).check();
        GradCheck.of("MatMul").in("h", 2, 3, 4).in("w", 4, 5).check();
    }

    /** LayerNorm as torch.onnx exports it below opset 17: ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add. */
    @Test
    void decomposedLayerNorm() throws Exception {
        GradCheck.graph("layer-norm",
                node("ReduceMean", List.of("x"), "mean", of("axes", new long[] {-1})),
                node("Sub", List.of("x", "mean"), "centred"),
                node("Pow", List.of("centred", "two"), "squared"),
                node("ReduceMean", List.of("squared"), "var", of("axes", new long[] {-1})),
                node("Add", List.of("var", "eps"), "shifted"),
                node("Sqrt", List.of("shifted"), "std"),
                node("Div", List.of("centred", "std"), "xhat"),
                node("Mul", List.of("xhat", "scale"), "scaled"),
                node("Add", List.of("scaled", "bias"), "y0"))
                .in("x", 2, 3, 5).in("scale", 5).in("bias", 5).scalar("two", 2).scalar("eps", 1e-5).check();
    }

    /** GELU both ways BERT exports write it: x/2 (1 + erf(x/sqrt 2)) and the tanh approximation. */
    @Test
    void decomposedGelu() throws Exception {
        GradCheck.graph("gelu-erf",
                node("Div", List.of("x", "root2"), "u"),
                node("Erf", List.of("u"), "erf"),
                node("Add", List.of("erf", "one"), "shifted"),
                node("Mul", List.of("x", "shifted"), "product"),
                node("Mul", List.of("product", "half"), "y0"))
                .in("x", -3.0, 3.0, 2, 5).scalar("root2", Math.sqrt(2)).scalar("one", 1).scalar("half", 0.5).check();
        GradCheck.graph("gelu-tanh",
                node("Pow", List.of("x", "three"), "cube"),
                node("Mul", List.of("cube", "c"), "scaledCube"),
                node("Add", List.of("x", "scaledCube"), "inner"),
                node("Mul", List.of("inner", "k"), "u"),
                node("Tanh", List.of("u"), "t"),
                node("Add", List.of("t", "one"), "shifted"),
                node("Mul", List.of("x", "shifted"), "product"),
                node("Mul", List.of("product", "half"), "y0"))
                .in("x", 0.1, 3.0, 2, 5).scalar("three", 3).scalar("c", 0.044715).scalar("k", Math.sqrt(2 / Math.PI))
                .scalar("one", 1).scalar("half", 0.5).check();
    }

    /**
     * One self-attention head pair as BERT exports it: the hidden states split into heads by a Reshape whose shape a
     * Shape/Gather/Unsqueeze/Concat chain computes, scores Q K^T / sqrt(d) plus the additive mask (1 - mask) * -10000
     * from an int64 attention mask (Unsqueeze, Cast, Sub, Mul), masked again with Where, Softmax over the last axis,
     * times V, heads merged back, and the position embedding picked by a Slice of constant position ids.
     */
    @Test
    void maskedMultiHeadAttention() throws Exception {
        GradCheck.graph("attention",
                node("Slice", List.of("positionIds", "zero1", "seq1", "axes1"), "positions"),
                node("Gather", List.of("positionTable", "positions"), "positionRows"),
                node("Add", List.of("h", "positionRows"), "hp"),
                node("Shape", List.of("hp"), "shape"),
                node("Gather", List.of("shape", "zero"), "batch", of("axis", 0L)),
                node("Gather", List.of("shape", "one"), "tokens", of("axis", 0L)),
                node("Unsqueeze", List.of("batch", "axis0"), "batch1"),
                node("Unsqueeze", List.of("tokens", "axis0"), "tokens1"),
                node("Concat", List.of("batch1", "tokens1", "heads", "headSize"), "split", of("axis", 0L)),
                node("MatMul", List.of("hp", "wq"), "q0"),
                node("Reshape", List.of("q0", "split"), "q1"),
                node("Transpose", List.of("q1"), "q", of("perm", 0L, 2L, 1L, 3L)),
                node("Reshape", List.of("hp", "split"), "k1"),
                node("Transpose", List.of("k1"), "kT", of("perm", 0L, 2L, 3L, 1L)),
                node("Transpose", List.of("k1"), "v", of("perm", 0L, 2L, 1L, 3L)),
                node("MatMul", List.of("q", "kT"), "scores"),
                node("Div", List.of("scores", "rootD"), "scaled"),
                node("Unsqueeze", List.of("mask", "axes12"), "mask4"),
                node("CastLike", List.of("mask4", "h"), "maskF"),
                node("Sub", List.of("oneF", "maskF"), "inverted"),
                node("Mul", List.of("inverted", "big"), "additive"),
                node("Add", List.of("scaled", "additive"), "maskedScores"),
                node("Cast", List.of("mask4"), "keep", of("to", 9L)),
                node("Expand", List.of("keep", "scoreShape"), "keepAll"),
                node("Where", List.of("keepAll", "maskedScores", "minusBig"), "finalScores"),
                node("Softmax", List.of("finalScores"), "attention", of("axis", -1L)),
                node("MatMul", List.of("attention", "v"), "context"),
                node("Transpose", List.of("context"), "merged", of("perm", 0L, 2L, 1L, 3L)),
                node("Concat", List.of("batch1", "tokens1", "minusOne"), "join", of("axis", 0L)),
                node("Reshape", List.of("merged", "join"), "joined"),
                node("Tanh", List.of("joined"), "y0"))
                .in("h", 2, 3, 4).in("wq", 4, 4).in("positionTable", 5, 4)
                .indices("positionIds", new long[] {1, 5}, 0, 1, 2, 3, 4).ints("zero1", 0).ints("seq1", 3).ints("axes1", 1)
                .indices("zero", new long[0], 0).indices("one", new long[0], 1).ints("axis0", 0)
                .ints("heads", 2).ints("headSize", 2).ints("axes12", 1, 2).ints("minusOne", -1)
                .ints("scoreShape", 2, 2, 3, 3)
                .indices("mask", new long[] {2, 3}, 1, 1, 1, 1, 1, 0)
                .scalar("rootD", Math.sqrt(2)).scalar("oneF", 1).scalar("big", -10000).scalar("minusBig", -10000)
                .check();
    }

    private static NodeProto node(String op, List<String> inputs, String output, AttributeProto... attributes) {
        return Attributes.node(op, output + "_node", inputs, List.of(output), attributes);
    }
}
