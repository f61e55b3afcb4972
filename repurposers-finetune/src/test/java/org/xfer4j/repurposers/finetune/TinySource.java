package org.xfer4j.repurposers.finetune;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;
import org.xfer4j.runtime.onnx.model.OnnxSourceModel;
import org.xfer4j.testkit.SyntheticBlobs;

/** A small random "pretrained" MLP over the testkit blobs (or any width): fc1 (16) - relu1 - fc2 (8) - relu2. */
final class TinySource {

    private TinySource() {
    }

    static OnnxSourceModel create() {
        return create(SyntheticBlobs.featureCount());
    }

    /** The same network over {@code in} inputs. */
    static OnnxSourceModel create(int in) {
        Random rng = new Random(1);
        int f = TensorProto.DataType.FLOAT_VALUE;
        GraphProto g = GraphProto.newBuilder().setName("tiny")
                .addInput(ValueInfos.tensor("x", f, new long[] {-1, in}))
                .addInitializer(TensorProtos.floats("fc1.w", new long[] {16, in}, gaussian(rng, 16 * in, 0.4)))
                .addInitializer(TensorProtos.floats("fc1.b", new long[] {16}, new float[16]))
                .addInitializer(TensorProtos.floats("fc2.w", new long[] {8, 16}, gaussian(rng, 8 * 16, 0.4)))
                .addInitializer(TensorProtos.floats("fc2.b", new long[] {8}, new float[8]))
                .addNode(Attributes.node("Gemm", "fc1", List.of("x", "fc1.w", "fc1.b"), List.of("h1"),
                        Attributes.of("transB", 1L)))
                .addNode(Attributes.node("Relu", "relu1", List.of("h1"), List.of("a1")))
                .addNode(Attributes.node("Gemm", "fc2", List.of("a1", "fc2.w", "fc2.b"), List.of("h2"),
                        Attributes.of("transB", 1L)))
                .addNode(Attributes.node("Relu", "relu2", List.of("h2"), List.of("a2")))
                .addOutput(ValueInfos.tensor("a2", f, new long[] {-1, 8})).build();
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
        try {
            Path file = Files.createTempFile("tiny-source", ".onnx");
            file.toFile().deleteOnExit();
            Files.write(file, m.toByteArray());
            return OnnxSourceModel.load("tiny", "tiny", file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static float[] gaussian(Random rng, int n, double sd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * sd);
        }
        return v;
    }
}
