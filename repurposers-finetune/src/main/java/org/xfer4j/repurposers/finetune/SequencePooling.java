package org.xfer4j.repurposers.finetune;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * Pools a sequence output [N, T, H] into [N, H] inside the graph, the way the source model's features are pooled:
 * the first token, or the mean over the positions the attention-mask input marks, so gradients flow through it.
 */
final class SequencePooling {

    private static final String PREFIX = "pool/";

    private SequencePooling() {
    }

    static OnnxGraph apply(OnnxGraph g, Pooling pooling) {
        String hidden = g.outputNames().getFirst();
        GraphProto.Builder b = g.model().getGraph().toBuilder();
        List<NodeProto> nodes = new ArrayList<>();
        String pooled = PREFIX + "output";
        switch (pooling.sequence()) {
            case FIRST_TOKEN -> {
                b.addInitializer(TensorProtos.longs(PREFIX + "first", new long[0], new long[] {0}));
                nodes.add(node("Gather", List.of(hidden, PREFIX + "first"), pooled, Attributes.of("axis", 1L)));
            }
            case MASKED_MEAN -> {
                String mask = pooling.maskInput();
                if (!g.inputNames().contains(mask)) {
                    throw new InvalidInputException("masked-mean pooling needs graph input '" + mask + "'; inputs: "
                            + g.inputNames());
                }
                b.addInitializer(TensorProtos.vector(PREFIX + "tokens", 1));
                b.addInitializer(TensorProtos.vector(PREFIX + "last", -1));
                b.addInitializer(TensorProtos.floats(PREFIX + "tiny", new long[0], new float[] {1e-9f}));
                nodes.add(node("Cast", List.of(mask), PREFIX + "mask",
                        Attributes.of("to", (long) TensorProto.DataType.FLOAT_VALUE)));
                nodes.add(node("Unsqueeze", List.of(PREFIX + "mask", PREFIX + "last"), PREFIX + "mask3"));
                nodes.add(node("Mul", List.of(hidden, PREFIX + "mask3"), PREFIX + "masked"));
                nodes.add(node("ReduceSum", List.of(PREFIX + "masked", PREFIX + "tokens"), PREFIX + "sum",
                        Attributes.of("keepdims", 0L)));
                nodes.add(node("ReduceSum", List.of(PREFIX + "mask3", PREFIX + "tokens"), PREFIX + "count",
                        Attributes.of("keepdims", 0L)));
                nodes.add(node("Max", List.of(PREFIX + "count", PREFIX + "tiny"), PREFIX + "safeCount"));
                nodes.add(node("Div", List.of(PREFIX + "sum", PREFIX + "safeCount"), pooled));
            }
            case FLATTEN -> nodes.add(node("Flatten", List.of(hidden), pooled));
        }
        b.addAllNode(nodes).clearOutput().addOutput(ValueInfos.tensor(pooled, TensorProto.DataType.FLOAT_VALUE,
                null));
        return OnnxGraph.of(g.model().toBuilder().setGraph(b).build(), "pooled " + hidden);
    }

    private static NodeProto node(String op, List<String> inputs, String output,
            ai.onnx.proto.OnnxMl.AttributeProto... attributes) {
        return Attributes.node(op, output, inputs, List.of(output), attributes);
    }
}
