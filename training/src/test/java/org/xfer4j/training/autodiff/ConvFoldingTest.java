package org.xfer4j.training.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * Batch norm with running statistics and zero padding folded into the convolutions of a training step (a MobileNetV2
 * block in miniature: ZeroPadding2D, strided depthwise conv, batch norm, ReLU6, pointwise conv with bias, batch norm):
 * the step computes the same loss and the same gradients of every original parameter as the unfolded step, and its
 * gradients match central finite differences of its own loss; its evaluation graph predicts as the unfolded one. A
 * ReLU feeding a max pooling moves behind it, with the same loss and gradients.
 */
class ConvFoldingTest {

    private static final int F32 = TensorProto.DataType.FLOAT_VALUE;
    private static final long[] INPUT = {5, 3, 8, 8};
    private static final long[] LABELS = {0, 1, 2, 1, 0};

    @Test
    void foldedStepHasNoBatchNormOrPadAndTheSameGradients() throws Exception {
        OnnxGraph net = block();
        TrainingStep folded = TrainingStep.of(net).build();
        TrainingStep plain = TrainingStep.of(net).foldIntoConvolutions(false).build();
        List<String> ops = folded.gradientModel().getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        assertThat(ops).doesNotContain("BatchNormalization", "Pad");
        assertThat(plain.gradientModel().getGraph().getNodeList().stream().map(NodeProto::getOpType))
                .contains("BatchNormalization", "Pad");

        assertSameLossAndGradients(folded, plain, INPUT, LABELS);
    }

    @Test
    void reluMovesBehindTheMaxPoolItFeedsWithTheSameGradients() throws Exception {
        // conv -> BN -> Relu -> 2x2 MaxPool -> strided conv -> Relu -> ...: the pool reads the conv's output now
        OnnxGraph net = TinyNets.cnn(3, 4);
        TrainingStep moved = TrainingStep.of(net).build();
        TrainingStep plain = TrainingStep.of(net).foldIntoConvolutions(false).build();
        for (TrainingStep step : List.of(moved, plain)) {
            GraphProto g = step.gradientModel().getGraph();
            List<String> reluOutputs = g.getNodeList().stream().filter(n -> n.getOpType().equals("Relu"))
                    .map(n -> n.getOutput(0)).toList();
            boolean poolOfRelu = g.getNodeList().stream()
                    .anyMatch(n -> n.getOpType().equals("MaxPool") && reluOutputs.contains(n.getInput(0)));
            assertThat(poolOfRelu).as("a MaxPool reads a Relu's output").isEqualTo(step == plain);
        }
        assertSameLossAndGradients(moved, plain, new long[] {5, 2, 6, 6}, new long[] {0, 1, 2, 2, 1});
    }

    private static void assertSameLossAndGradients(TrainingStep folded, TrainingStep plain, long[] input,
            long[] labels) throws Exception {
        Map<String, OrtValues.Value> in = inputs(folded, new Random(3), input);
        Map<String, double[]> a = run(folded, in, labels);
        Map<String, double[]> b = run(plain, in, labels);
        assertThat(a.get(TrainingStep.LOSS)[0]).isCloseTo(b.get(TrainingStep.LOSS)[0], within(1e-5));
        for (TrainingStep.Parameter p : folded.parameters()) {
            double[] ga = a.get(p.gradient());
            double[] gb = b.get(plain.parameters().stream().filter(q -> q.name().equals(p.name())).findFirst()
                    .orElseThrow().gradient());
            double scale = 0;
            for (double v : gb) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertThat(scale).as("gradient of %s is not trivially zero", p.name()).isGreaterThan(1e-4);
            for (int i = 0; i < ga.length; i++) {
                // float32 sums in another order: agreement to about 1e-6 of the largest entry
                assertThat(ga[i]).as("d loss / d %s[%d]", p.name(), i).isCloseTo(gb[i], within(1e-4 * scale));
            }
        }
    }

    @Test
    void foldedEvaluationGraphPredictsAsTheUnfoldedOne() throws Exception {
        TrainingStep folded = TrainingStep.of(block()).build();
        TrainingStep plain = TrainingStep.of(block()).foldIntoConvolutions(false).build();
        assertThat(folded.evaluation().getGraph().getNodeList().stream().map(NodeProto::getOpType))
                .doesNotContain("BatchNormalization", "Pad");
        Map<String, OrtValues.Value> in = inputs(folded, new Random(5));
        double[] a;
        double[] b;
        try (OrtValues f = new OrtValues(folded.evaluation().toByteArray(), F32);
                OrtValues p = new OrtValues(plain.evaluation().toByteArray(), F32)) {
            a = f.run(in, Map.of()).get(folded.prediction());
            b = p.run(in, Map.of()).get(plain.prediction());
        }
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            // float32 logits of size about 1, computed in another order
            assertThat(a[i]).as("logit %d", i).isCloseTo(b[i], within(1e-5 * (1 + Math.abs(b[i]))));
        }
    }

    @Test
    void foldedGradientsMatchFiniteDifferencesAlongRandomDirections() throws Exception {
        TrainingStep step = TrainingStep.of(block()).build();
        Random rng = new Random(7);
        Map<String, OrtValues.Value> in = inputs(step, rng);
        Map<String, double[]> at = run(step, in);
        for (int trial = 0; trial < 3; trial++) {
            Map<String, OrtValues.Value> up = new LinkedHashMap<>(in);
            Map<String, OrtValues.Value> down = new LinkedHashMap<>(in);
            double directional = 0;
            double h = 1e-3;
            for (TrainingStep.Parameter p : step.parameters()) {
                double[] theta = in.get(p.name()).data();
                double[] g = at.get(p.gradient());
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                for (int i = 0; i < theta.length; i++) {
                    double v = rng.nextDouble() * 2 - 1;
                    directional += g[i] * v;
                    plus[i] += h * v;
                    minus[i] -= h * v;
                }
                up.put(p.name(), new OrtValues.Value(plus, p.shape()));
                down.put(p.name(), new OrtValues.Value(minus, p.shape()));
            }
            double numeric = (run(step, up).get(TrainingStep.LOSS)[0] - run(step, down).get(TrainingStep.LOSS)[0])
                    / (2 * h);
            // float32 central differences of a loss near 1.1 with h = 1e-3: rounding about 1e-4 / h
            assertThat(directional).as("trial %d", trial).isCloseTo(numeric, within(2e-3 + 1e-2 * Math.abs(numeric)));
        }
    }

    private static Map<String, double[]> run(TrainingStep step, Map<String, OrtValues.Value> in) throws Exception {
        return run(step, in, LABELS);
    }

    private static Map<String, double[]> run(TrainingStep step, Map<String, OrtValues.Value> in, long[] labels)
            throws Exception {
        try (OrtValues g = new OrtValues(step.gradientModel().toByteArray(), F32)) {
            return g.run(in, Map.of(TrainingStep.LABELS, labels));
        }
    }

    private static Map<String, OrtValues.Value> inputs(TrainingStep step, Random rng) {
        return inputs(step, rng, INPUT);
    }

    private static Map<String, OrtValues.Value> inputs(TrainingStep step, Random rng, long[] input) {
        Map<String, OrtValues.Value> in = new LinkedHashMap<>();
        double[] x = new double[(int) org.xfer4j.api.data.Tensor.elementCount(input)];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 4 - 2;
        }
        in.put("x", new OrtValues.Value(x, input));
        for (TrainingStep.Parameter p : step.parameters()) {
            in.put(p.name(), new OrtValues.Value(TensorProtos.toDoubles(initialiser(step, p.name())), p.shape()));
        }
        return in;
    }

    private static TensorProto initialiser(TrainingStep step, String name) {
        return step.forward().model().getGraph().getInitializerList().stream().filter(t -> t.getName().equals(name))
                .findFirst().orElseThrow();
    }

    /**
     * x [N, 3, 8, 8] -> Pad (bottom and right by 1) -> depthwise 3x3 conv, stride 2 -> BN -> Clip(0, 6) -> 1x1 conv
     * to 4 channels with bias -> BN -> GlobalAveragePool -> Flatten -> Gemm to 3 classes -> Softmax.
     */
    private static OnnxGraph block() {
        Random rng = new Random(11);
        GraphProto g = GraphProto.newBuilder().setName("block")
                .addInput(ValueInfos.tensor("x", F32, new long[] {-1, 3, 8, 8}))
                .addInitializer(TensorProtos.vector("pads", 0, 0, 0, 0, 0, 0, 1, 1))
                .addInitializer(TinyNets.random("dw", F32, rng, 1, 3, 1, 3, 3))
                .addInitializer(TinyNets.random("g1", F32, rng, 2, 3))
                .addInitializer(TinyNets.random("b1", F32, rng, 1, 3))
                .addInitializer(TensorProtos.floats("m1", new long[] {3}, new float[] {0.2f, -0.3f, 0.1f}))
                .addInitializer(TensorProtos.floats("v1", new long[] {3}, new float[] {0.5f, 1.5f, 2f}))
                .addInitializer(TinyNets.random("pw", F32, rng, 1, 4, 3, 1, 1))
                .addInitializer(TinyNets.random("pb", F32, rng, 0.5, 4))
                .addInitializer(TinyNets.random("g2", F32, rng, 2, 4))
                .addInitializer(TinyNets.random("b2", F32, rng, 1, 4))
                .addInitializer(TensorProtos.floats("m2", new long[] {4}, new float[] {0.1f, 0f, -0.2f, 0.3f}))
                .addInitializer(TensorProtos.floats("v2", new long[] {4}, new float[] {1f, 0.7f, 1.2f, 0.4f}))
                .addInitializer(TensorProtos.floats("lo", new long[0], new float[] {0}))
                .addInitializer(TensorProtos.floats("hi", new long[0], new float[] {6}))
                .addInitializer(TinyNets.random("w", F32, rng, 1, 3, 4))
                .addInitializer(TinyNets.random("c", F32, rng, 0.2, 3))
                .addNode(Attributes.node("Pad", "pad", List.of("x", "pads"), List.of("xp")))
                .addNode(Attributes.node("Conv", "depthwise", List.of("xp", "dw"), List.of("d"),
                        Attributes.of("group", 3L), Attributes.of("strides", 2L, 2L),
                        Attributes.of("kernel_shape", 3L, 3L)))
                .addNode(Attributes.node("BatchNormalization", "bn1", List.of("d", "g1", "b1", "m1", "v1"),
                        List.of("n1"), Attributes.of("epsilon", 1e-3f)))
                .addNode(Attributes.node("Clip", "relu6", List.of("n1", "lo", "hi"), List.of("r")))
                .addNode(Attributes.node("Conv", "pointwise", List.of("r", "pw", "pb"), List.of("p")))
                .addNode(Attributes.node("BatchNormalization", "bn2", List.of("p", "g2", "b2", "m2", "v2"),
                        List.of("n2")))
                .addNode(Attributes.node("GlobalAveragePool", "pool", List.of("n2"), List.of("a")))
                .addNode(Attributes.node("Flatten", "flatten", List.of("a"), List.of("f")))
                .addNode(Attributes.node("Gemm", "dense", List.of("f", "w", "c"), List.of("z"),
                        Attributes.of("transB", 1L)))
                .addNode(Attributes.node("Softmax", "softmax", List.of("z"), List.of("y"), Attributes.of("axis", 1L)))
                .addOutput(ValueInfos.tensor("y", F32, new long[] {-1, 3})).build();
        return OnnxGraph.of(GradCheck.model(g), "block");
    }
}
