package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xfer4j.api.InvalidInputException;

/**
 * Rewrites the nodes of an opset 7-12 graph whose signature changed by opset 13 (attributes that became inputs,
 * Softmax's axis meaning), so one set of gradient rules serves every model.
 */
final class OpsetUpgrade {

    /** The oldest default-domain opset the rewrites start from. */
    static final int OLDEST = 7;
    /** The opset every graph is brought to (at least). */
    static final int TARGET = 13;

    private static final Set<String> REFUSED = Set.of("Upsample", "Resize", "TopK", "Scan", "Loop", "If");

    private final GraphProto.Builder graph;
    private final int from;
    private final String origin;

    private OpsetUpgrade(GraphProto.Builder graph, int from, String origin) {
        this.graph = graph;
        this.from = from;
        this.origin = origin;
    }

    /** Rewrites {@code graph} in place from opset {@code from} to {@link #TARGET}. */
    static void apply(GraphProto.Builder graph, int from, String origin) {
        if (from < OLDEST) {
            throw new InvalidInputException(origin + " uses ONNX opset " + from + "; opsets below " + OLDEST
                    + " are not supported (convert it with onnx.version_converter)");
        }
        if (from >= TARGET) {
            return;
        }
        new OpsetUpgrade(graph, from, origin).run();
    }

    private void run() {
        List<NodeProto> nodes = new ArrayList<>(graph.getNodeList());
        graph.clearNode();
        for (NodeProto n : nodes) {
            graph.addAllNode(upgrade(n));
        }
    }

    private List<NodeProto> upgrade(NodeProto n) {
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            return List.of(n);
        }
        String op = n.getOpType();
        if (REFUSED.contains(op)) {
            throw new InvalidInputException(origin + ": layer " + n.getName() + " (" + op + ") cannot be upgraded"
                    + " from opset " + from + " to " + TARGET);
        }
        return switch (op) {
            case "Clip" -> from < 11 ? List.of(clip(n)) : List.of(n);
            case "Slice" -> from < 10 ? List.of(slice(n)) : List.of(n);
            case "Pad" -> from < 11 ? List.of(pad(n)) : List.of(n);
            case "Dropout" -> from < 12 ? List.of(dropout(n)) : List.of(n);
            case "Squeeze", "Unsqueeze", "ReduceSum" -> List.of(attributeToInput(n, "axes"));
            case "Split" -> List.of(attributeToInput(n, "split"));
            case "Softmax", "LogSoftmax", "Hardmax" -> softmax(n);
            case "BatchNormalization" -> List.of(batchNorm(n));
            default -> List.of(n);
        };
    }

    private String constant(NodeProto n, String suffix, TensorProto value) {
        String name = n.getName() + "." + suffix;
        graph.addInitializer(value.toBuilder().setName(name));
        return name;
    }

    private NodeProto clip(NodeProto n) {
        String min = constant(n, "min", TensorProtos.scalar("", 1, Attributes.getFloat(n, "min", -Float.MAX_VALUE)));
        String max = constant(n, "max", TensorProtos.scalar("", 1, Attributes.getFloat(n, "max", Float.MAX_VALUE)));
        NodeProto m = Attributes.without(Attributes.without(n, "min"), "max");
        return m.toBuilder().clearInput().addInput(n.getInput(0)).addInput(min).addInput(max).build();
    }

    private NodeProto slice(NodeProto n) {
        NodeProto.Builder m = Attributes.without(Attributes.without(Attributes.without(n, "starts"), "ends"), "axes")
                .toBuilder().clearInput().addInput(n.getInput(0));
        m.addInput(constant(n, "starts", TensorProtos.vector("", Attributes.getInts(n, "starts"))));
        m.addInput(constant(n, "ends", TensorProtos.vector("", Attributes.getInts(n, "ends"))));
        long[] axes = Attributes.getInts(n, "axes");
        if (axes != null) {
            m.addInput(constant(n, "axes", TensorProtos.vector("", axes)));
        }
        return m.build();
    }

    private NodeProto pad(NodeProto n) {
        long[] pads = Attributes.getInts(n, "pads");
        if (pads == null) {
            pads = Attributes.getInts(n, "paddings");
        }
        NodeProto.Builder m = Attributes.without(Attributes.without(Attributes.without(n, "pads"), "paddings"),
                "value").toBuilder().clearInput().addInput(n.getInput(0));
        m.addInput(constant(n, "pads", TensorProtos.vector("", pads)));
        m.addInput(constant(n, "value", TensorProtos.scalar("", 1, Attributes.getFloat(n, "value", 0f))));
        return m.build();
    }

    private NodeProto dropout(NodeProto n) {
        NodeProto m = Attributes.without(Attributes.without(n, "ratio"), "is_test");
        String ratio = constant(n, "ratio", TensorProtos.scalar("", 1, Attributes.getFloat(n, "ratio", 0.5f)));
        return m.toBuilder().clearInput().addInput(n.getInput(0)).addInput(ratio).build();
    }

    /** Moves an integer-list attribute that opset 13 takes as the next input. */
    private NodeProto attributeToInput(NodeProto n, String attribute) {
        long[] values = Attributes.getInts(n, attribute);
        if (values == null) {
            return n;
        }
        String a = constant(n, attribute, TensorProtos.vector("", values));
        return Attributes.without(n, attribute).toBuilder().addInput(a).build();
    }

    private NodeProto batchNorm(NodeProto n) {
        if (from < 9 && Attributes.getInt(n, "spatial", 1) != 1) {
            throw new InvalidInputException(origin + ": layer " + n.getName()
                    + " uses BatchNormalization with spatial=0, which opset 9 and later do not have");
        }
        return Attributes.without(n, "spatial");
    }

    /**
     * Before opset 13 Softmax normalised over all axes from {@code axis} on; that equals the new meaning only at the
     * last axis.
     */
    private List<NodeProto> softmax(NodeProto n) {
        long axis = Attributes.getInt(n, "axis", 1);
        int rank = declaredRank(n.getInput(0), n.getOutput(0));
        if (axis == -1 || (rank > 0 && axis == rank - 1)) {
            return List.of(n);
        }
        String flat = n.getName() + ".flat";
        String soft = n.getName() + ".2d";
        String shape = n.getName() + ".shape";
        return List.of(
                Attributes.node("Flatten", n.getName() + ".flatten", List.of(n.getInput(0)), List.of(flat),
                        Attributes.of("axis", axis)),
                Attributes.with(n.toBuilder().setInput(0, flat).setOutput(0, soft).build(),
                        Attributes.of("axis", -1L)),
                Attributes.node("Shape", n.getName() + ".shapeof", List.of(n.getInput(0)), List.of(shape)),
                Attributes.node("Reshape", n.getName() + ".reshape", List.of(soft, shape), List.of(n.getOutput(0))));
    }

    private int declaredRank(String... tensors) {
        for (String t : tensors) {
            for (ValueInfoProto v : allValueInfos()) {
                if (v.getName().equals(t) && v.getType().getTensorType().hasShape()) {
                    return v.getType().getTensorType().getShape().getDimCount();
                }
            }
        }
        return -1;
    }

    private List<ValueInfoProto> allValueInfos() {
        List<ValueInfoProto> all = new ArrayList<>(graph.getInputList());
        all.addAll(graph.getOutputList());
        all.addAll(graph.getValueInfoList());
        return all;
    }
}
