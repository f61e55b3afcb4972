package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who produces and who consumes each tensor of a graph, which tensors are parameters (initialisers) and which carry
 * data: a data tensor is a graph input or the output of a node (other than Shape) that reads a data tensor. Nodes
 * that compute only shapes or fold constants are helpers, not layers.
 */
final class GraphIndex {

    private static final Set<String> WEIGHTED = Set.of("Conv", "ConvTranspose", "Gemm", "MatMul",
            "BatchNormalization", "PRelu", "InstanceNormalization", "LayerNormalization");

    private final GraphProto graph;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Map<String, TensorProto> initialisers = new LinkedHashMap<>();
    private final Set<String> data = new HashSet<>();

    GraphIndex(GraphProto graph) {
        this.graph = graph;
        for (TensorProto t : graph.getInitializerList()) {
            initialisers.put(t.getName(), t);
        }
        for (ValueInfoProto v : graph.getInputList()) {
            data.add(v.getName());
        }
        for (NodeProto n : graph.getNodeList()) {
            for (String o : n.getOutputList()) {
                producers.put(o, n);
            }
            for (String i : n.getInputList()) {
                consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
            }
            if (!n.getOpType().equals("Shape") && n.getInputList().stream().anyMatch(data::contains)) {
                data.addAll(n.getOutputList());
            }
        }
    }

    GraphProto graph() {
        return graph;
    }

    NodeProto producer(String tensor) {
        return producers.get(tensor);
    }

    List<NodeProto> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    Map<String, TensorProto> initialisers() {
        return initialisers;
    }

    boolean isData(String tensor) {
        return data.contains(tensor);
    }

    /** Whether {@code node} is a layer (it outputs data) rather than a shape or constant helper. */
    boolean isLayer(NodeProto node) {
        return node.getOutputCount() > 0 && data.contains(node.getOutput(0));
    }

    /** The data tensors {@code node} reads, in input order. */
    List<String> dataInputs(NodeProto node) {
        return node.getInputList().stream().filter(data::contains).distinct().toList();
    }

    /**
     * The parameters {@code node} reads: floating-point initialisers, except single numbers fed to operators without
     * weights (the 3 and 6 of a hard-swish are constants, not parameters).
     */
    List<String> parameters(NodeProto node) {
        boolean weighted = WEIGHTED.contains(node.getOpType());
        return node.getInputList().stream().filter(i -> {
            TensorProto t = initialisers.get(i);
            return t != null && isFloating(t) && (weighted || TensorProtos.size(t) > 1);
        }).distinct().toList();
    }

    /** Every parameter of the graph, in initialiser order. */
    Set<String> parameters() {
        Set<String> used = new HashSet<>();
        for (NodeProto n : graph.getNodeList()) {
            used.addAll(parameters(n));
        }
        Set<String> ordered = new java.util.LinkedHashSet<>();
        for (String name : initialisers.keySet()) {
            if (used.contains(name)) {
                ordered.add(name);
            }
        }
        return ordered;
    }

    private static boolean isFloating(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.FLOAT_VALUE
                || t.getDataType() == TensorProto.DataType.DOUBLE_VALUE;
    }

    /** The layer nodes in graph (topological) order. */
    List<NodeProto> layers() {
        return graph.getNodeList().stream().filter(this::isLayer).toList();
    }
}
