package org.xfer4j.bench.training;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.LayerSpec;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * A MobileNet-style CNN built with graph surgery, the same layers as {@code net()} in bench/training/torch_step.py:
 * conv 3x3/2 (32), then depthwise 3x3 + pointwise blocks 32-64 (stride 2)-128-128, each conv followed by batch
 * normalisation and ReLU6, global average pooling and a dense layer of 10.
 */
final class BenchNet {

    private BenchNet() {
    }

    static OnnxGraph build(int size) {
        int f = TensorProto.DataType.FLOAT_VALUE;
        GraphProto g = GraphProto.newBuilder().setName("benchnet")
                .addInput(ValueInfos.tensor("x", f, new long[] {-1, 3, size, size}))
                .addNode(Attributes.node("Identity", "input", List.of("x"), List.of("x0")))
                .addOutput(ValueInfos.tensor("x0", f, null)).build();
        OnnxGraph net = OnnxGraph.of(ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build(), "benchnet");
        net = block(net, new LayerSpec.Conv(32, 3, 2, 1, 1, org.xfer4j.runtime.onnx.graph.Init.HE, null));
        int[][] blocks = {{32, 64, 1}, {64, 128, 2}, {128, 128, 1}};
        for (int[] b : blocks) {
            net = block(net, new LayerSpec.Conv(b[0], 3, b[2], 1, b[0], org.xfer4j.runtime.onnx.graph.Init.HE, null));
            net = block(net, new LayerSpec.Conv(b[1], 1, 1, 0, 1, org.xfer4j.runtime.onnx.graph.Init.HE, null));
        }
        return net.addOnTop(7, LayerSpec.pool(LayerSpec.PoolKind.GLOBAL_AVERAGE, 1, 1), LayerSpec.flatten(),
                LayerSpec.dense(10));
    }

    private static OnnxGraph block(OnnxGraph net, LayerSpec conv) {
        return net.addOnTop(1, conv, LayerSpec.batchNorm(), LayerSpec.activation(LayerSpec.ActivationKind.RELU6));
    }
}
