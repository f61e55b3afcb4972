package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import java.util.Random;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/** Small networks built in code for training tests. */
final class TinyNets {

    private TinyNets() {
    }

    static TensorProto random(String name, int type, Random rng, double scale, long... shape) {
        int n = (int) org.xfer4j.api.data.Tensor.elementCount(shape);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rng.nextDouble() * 2 - 1) * scale;
        }
        return type == TensorProto.DataType.DOUBLE_VALUE ? TensorProtos.doubles(name, shape, v)
                : TensorProtos.floats(name, shape, toFloats(v));
    }

    static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** x [N, in] -> Gemm -> Tanh -> Gemm -> Sigmoid -> Gemm -> Softmax over {@code classes}. */
    static OnnxGraph mlp(int type, int in, int hidden, int classes, long seed) {
        Random rng = new Random(seed);
        GraphProto g = GraphProto.newBuilder().setName("mlp")
                .addInput(ValueInfos.tensor("x", type, new long[] {-1, in}))
                .addInitializer(random("w1", type, rng, 1, hidden, in))
                .addInitializer(random("b1", type, rng, 0.5, hidden))
                .addInitializer(random("w2", type, rng, 1, hidden, hidden))
                .addInitializer(random("b2", type, rng, 0.5, hidden))
                .addInitializer(random("w3", type, rng, 1, hidden, classes))
                .addInitializer(random("b3", type, rng, 0.5, classes))
                .addNode(Attributes.node("Gemm", "dense1", List.of("x", "w1", "b1"), List.of("h1"),
                        Attributes.of("transB", 1L)))
                .addNode(Attributes.node("Tanh", "tanh", List.of("h1"), List.of("a1")))
                .addNode(Attributes.node("Gemm", "dense2", List.of("a1", "w2", "b2"), List.of("h2")))
                .addNode(Attributes.node("Sigmoid", "sigmoid", List.of("h2"), List.of("a2")))
                .addNode(Attributes.node("MatMul", "dense3", List.of("a2", "w3"), List.of("h3")))
                .addNode(Attributes.node("Add", "bias3", List.of("h3", "b3"), List.of("z")))
                .addNode(Attributes.node("Softmax", "softmax", List.of("z"), List.of("p"), Attributes.of("axis", 1L)))
                .addOutput(ValueInfos.tensor("p", type, new long[] {-1, classes})).build();
        return OnnxGraph.of(GradCheck.model(g), "mlp");
    }

    /**
     * x [N, 2, 6, 6] -> 3x3 Conv (pad 1) -> BatchNormalization (running statistics) -> Relu -> 2x2 MaxPool -> 3x3
     * Conv (stride 2, pad 1) -> Relu -> Flatten -> Gemm -> Softmax over {@code classes}: every operator of the
     * few-shot CNN, and both conv input-gradient forms (flipped conv at stride 1, ConvTranspose at stride 2); float32,
     * ONNX Runtime's only Conv type.
     */
    static OnnxGraph cnn(int classes, long seed) {
        int type = TensorProto.DataType.FLOAT_VALUE;
        Random rng = new Random(seed);
        GraphProto g = GraphProto.newBuilder().setName("cnn")
                .addInput(ValueInfos.tensor("x", type, new long[] {-1, 2, 6, 6}))
                .addInitializer(random("w1", type, rng, 0.5, 3, 2, 3, 3))
                .addInitializer(random("b1", type, rng, 0.2, 3))
                .addInitializer(random("gamma", type, rng, 1, 3))
                .addInitializer(random("beta", type, rng, 0.2, 3))
                .addInitializer(TensorProtos.floats("mean", new long[] {3}, new float[] {0.1f, -0.1f, 0f}))
                .addInitializer(TensorProtos.floats("var", new long[] {3}, new float[] {1f, 0.5f, 2f}))
                .addInitializer(random("w2", type, rng, 0.5, 4, 3, 3, 3))
                .addInitializer(random("w3", type, rng, 0.5, classes, 16))
                .addInitializer(random("b3", type, rng, 0.2, classes))
                .addNode(Attributes.node("Conv", "conv1", List.of("x", "w1", "b1"), List.of("c1"),
                        Attributes.of("pads", 1L, 1L, 1L, 1L)))
                .addNode(Attributes.node("BatchNormalization", "bn", List.of("c1", "gamma", "beta", "mean", "var"),
                        List.of("n1")))
                .addNode(Attributes.node("Relu", "relu1", List.of("n1"), List.of("r1")))
                .addNode(Attributes.node("MaxPool", "pool", List.of("r1"), List.of("p1"),
                        Attributes.of("kernel_shape", 2L, 2L), Attributes.of("strides", 2L, 2L)))
                .addNode(Attributes.node("Conv", "conv2", List.of("p1", "w2"), List.of("c2"),
                        Attributes.of("pads", 1L, 1L, 1L, 1L), Attributes.of("strides", 2L, 2L)))
                .addNode(Attributes.node("Relu", "relu2", List.of("c2"), List.of("r2")))
                .addNode(Attributes.node("Flatten", "flatten", List.of("r2"), List.of("f")))
                .addNode(Attributes.node("Gemm", "dense", List.of("f", "w3", "b3"), List.of("z"),
                        Attributes.of("transB", 1L)))
                .addNode(Attributes.node("Softmax", "softmax", List.of("z"), List.of("p"), Attributes.of("axis", 1L)))
                .addOutput(ValueInfos.tensor("p", type, new long[] {-1, classes})).build();
        return OnnxGraph.of(GradCheck.model(g), "cnn");
    }
}
