package org.xfer4j.runtime.onnx.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.api.model.LayerInfo;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * The layers of a graph: nodes whose outputs depend on the example fed in. Constants and the nodes that only
 * compute shapes are left out, since their outputs are no features of an example; the tensors of initialisers and of
 * Constant nodes a layer reads count as its parameters.
 */
final class LayerCatalogue {

    private LayerCatalogue() {
    }

    /** The layers of {@code graph} in its (topological) node order. */
    static List<LayerInfo> of(GraphProto graph) {
        Map<String, Long> parameterSizes = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            long n = 1;
            for (long d : t.getDimsList()) {
                n *= d;
            }
            parameterSizes.put(t.getName(), n);
        }
        // exporters such as Paddle2ONNX hold the weights in Constant nodes instead of initialisers
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("Constant") && node.getOutputCount() == 1) {
                node.getAttributeList().stream().filter(a -> a.getName().equals("value") && a.hasT()).findFirst()
                        .ifPresent(a -> parameterSizes.put(node.getOutput(0),
                                a.getT().getDimsList().stream().reduce(1L, (x, y) -> x * y)));
            }
        }
        Set<String> exampleTensors = new HashSet<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!parameterSizes.containsKey(v.getName())) {
                exampleTensors.add(v.getName());
            }
        }
        Map<String, List<Long>> shapes = shapes(graph);
        List<LayerInfo> layers = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            // a Shape node's output is the same for every example of one size: not a feature
            if (node.getOutputCount() == 0 || node.getOpType().equals("Shape")
                    || node.getInputList().stream().noneMatch(exampleTensors::contains)) {
                continue;
            }
            exampleTensors.addAll(node.getOutputList());
            List<String> params = node.getInputList().stream().filter(parameterSizes::containsKey).distinct().toList();
            long count = params.stream().mapToLong(parameterSizes::get).sum();
            Map<String, List<Long>> outShapes = new LinkedHashMap<>();
            for (String o : node.getOutputList()) {
                if (shapes.containsKey(o)) {
                    outShapes.put(o, shapes.get(o));
                }
            }
            String name = node.getName().isEmpty() ? node.getOutput(0) : node.getName();
            layers.add(new LayerInfo(name, node.getOpType(), node.getOutputList(), params, count, outShapes));
        }
        return layers;
    }

    /** The declared shape of every tensor the graph describes (inputs, outputs, value_info); -1 for unknown sizes. */
    static Map<String, List<Long>> shapes(GraphProto graph) {
        Map<String, List<Long>> shapes = new HashMap<>();
        List<ValueInfoProto> described = new ArrayList<>(graph.getValueInfoList());
        described.addAll(graph.getInputList());
        described.addAll(graph.getOutputList());
        for (ValueInfoProto v : described) {
            long[] dims = ValueInfos.dims(v);
            if (dims != null) {
                shapes.put(v.getName(), Arrays.stream(dims).boxed().toList());
            }
        }
        return shapes;
    }
}
