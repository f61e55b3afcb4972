package org.xfer4j.training;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import java.util.Random;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/** A toy 3-class problem (Gaussian blobs in 4-d) and a small MLP with dropout for it. */
final class Toy {

    static final int CLASSES = 3;
    static final int FEATURES = 4;

    private Toy() {
    }

    static OnnxGraph mlp(long seed) {
        Random rng = new Random(seed);
        int f = TensorProto.DataType.FLOAT_VALUE;
        GraphProto g = GraphProto.newBuilder().setName("toy")
                .addInput(ValueInfos.tensor("x", f, new long[] {-1, FEATURES}))
                .addInitializer(TensorProtos.floats("w1", new long[] {16, FEATURES}, gaussian(rng, 16 * FEATURES, 0.5)))
                .addInitializer(TensorProtos.floats("b1", new long[] {16}, new float[16]))
                .addInitializer(TensorProtos.floats("w2", new long[] {CLASSES, 16}, gaussian(rng, CLASSES * 16, 0.3)))
                .addInitializer(TensorProtos.floats("b2", new long[] {CLASSES}, new float[CLASSES]))
                .addInitializer(TensorProtos.floats("ratio", new long[0], new float[] {0.3f}))
                .addNode(Attributes.node("Gemm", "dense1", List.of("x", "w1", "b1"), List.of("h"),
                        Attributes.of("transB", 1L)))
                .addNode(Attributes.node("Relu", "relu", List.of("h"), List.of("a")))
                .addNode(Attributes.node("Dropout", "dropout", List.of("a", "ratio"), List.of("d")))
                .addNode(Attributes.node("Gemm", "dense2", List.of("d", "w2", "b2"), List.of("z"),
                        Attributes.of("transB", 1L)))
                .addNode(Attributes.node("Softmax", "softmax", List.of("z"), List.of("p"), Attributes.of("axis", 1L)))
                .addOutput(ValueInfos.tensor("p", f, new long[] {-1, CLASSES})).build();
        return OnnxGraph.of(ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build(), "toy");
    }

    /** {@code n} examples: features row-major [n, 4], labels in [0, 3). */
    record Data(float[] x, long[] y) {
    }

    static Data blobs(int n, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[n * FEATURES];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            y[i] = c;
            for (int k = 0; k < FEATURES; k++) {
                x[i * FEATURES + k] = (float) (rng.nextGaussian() * 0.7 + (k == c ? 2 : 0));
            }
        }
        return new Data(x, y);
    }

    private static float[] gaussian(Random rng, int n, double sd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * sd);
        }
        return v;
    }
}
