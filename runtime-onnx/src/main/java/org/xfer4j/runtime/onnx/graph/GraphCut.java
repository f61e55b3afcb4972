package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.api.InvalidInputException;

/** Removes layers from the top or the bottom of a single-input, single-output chain. */
final class GraphCut {

    private GraphCut() {
    }

    /**
     * Drops the {@code n} layers nearest the output; the data input of the last one dropped becomes the output.
     *
     * @throws InvalidInputException where a layer to drop merges branches (its output depends on two data tensors)
     */
    static OnnxGraph dropTop(OnnxGraph graph, int n) {
        requireCount(graph, n);
        OnnxGraph g = graph;
        for (int i = 0; i < n; i++) {
            GraphIndex idx = g.index();
            String out = singleOutput(g);
            NodeProto top = idx.producer(out);
            List<String> in = top == null ? List.of() : idx.dataInputs(top);
            if (in.size() != 1) {
                throw new InvalidInputException("cannot drop layer " + (i + 1) + " of " + n + " from the top: "
                        + (top == null ? "output " + out + " is not computed by a layer"
                        : "layer " + top.getName() + " (" + top.getOpType() + ") merges " + in.size()
                        + " branches " + in + "; the graph branches there"));
            }
            g = withOutput(g, in.get(0), g.model().getGraph().getOutput(0));
        }
        return g;
    }

    /** Keeps everything up to the output of {@code layer} and makes that output the only graph output. */
    static OnnxGraph truncateAfter(OnnxGraph graph, String layer) {
        NodeProto n = graph.node(layer);
        String out = n.getOutputList().contains(layer) ? layer : n.getOutput(0);
        return withOutput(graph, out, graph.model().getGraph().getOutput(0));
    }

    /**
     * Drops the {@code n} layers nearest the input; the output of the last one dropped becomes the input.
     *
     * @throws InvalidInputException where the input feeds more than one node, or a layer reads two data tensors
     */
    static OnnxGraph dropBottom(OnnxGraph graph, int n) {
        requireCount(graph, n);
        OnnxGraph g = graph;
        for (int i = 0; i < n; i++) {
            GraphIndex idx = g.index();
            if (g.inputNames().size() != 1) {
                throw new InvalidInputException("cannot drop layers from the bottom of a graph with "
                        + g.inputNames().size() + " inputs " + g.inputNames());
            }
            String in = g.inputNames().get(0);
            List<NodeProto> readers = idx.consumers(in);
            if (readers.size() != 1 || idx.dataInputs(readers.get(0)).size() != 1) {
                throw new InvalidInputException("cannot drop layer " + (i + 1) + " of " + n + " from the bottom: "
                        + "input " + in + " feeds " + readers.stream().map(r -> r.getName() + " (" + r.getOpType()
                        + ")").toList() + "; the graph branches there");
            }
            NodeProto bottom = readers.get(0);
            String next = bottom.getOutput(0);
            long[] shape = probedShape(g, next);
            int type = ValueInfos.elemType(g.model().getGraph().getInput(0));
            GraphProto.Builder b = g.model().getGraph().toBuilder().clearInput()
                    .addInput(ValueInfos.tensor(next, type, shape));
            b.clearNode();
            for (NodeProto node : g.model().getGraph().getNodeList()) {
                if (!node.getName().equals(bottom.getName())) {
                    b.addNode(node);
                }
            }
            g = OnnxGraph.wrap(g.model().toBuilder().setGraph(prune(b.build())).build());
        }
        return g;
    }

    /** The shape of {@code tensor} with a dynamic first dimension, or null where the graph cannot be probed. */
    private static long[] probedShape(OnnxGraph g, String tensor) {
        try {
            long[] s = ShapeProbe.probe(g.model(), Map.of()).get(tensor).shape().clone();
            if (s.length > 0) {
                s[0] = -1;
            }
            return s;
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static void requireCount(OnnxGraph g, int n) {
        int layers = g.layers().size();
        if (n < 0 || n >= layers) {
            throw new InvalidInputException("can drop 0 to " + (layers - 1) + " layers of this graph, not " + n);
        }
    }

    private static String singleOutput(OnnxGraph g) {
        if (g.outputNames().size() != 1) {
            throw new InvalidInputException("cannot cut a graph with " + g.outputNames().size() + " outputs "
                    + g.outputNames() + "; it must have exactly one");
        }
        return g.outputNames().get(0);
    }

    private static OnnxGraph withOutput(OnnxGraph g, String tensor, ValueInfoProto like) {
        GraphProto.Builder b = g.model().getGraph().toBuilder().clearOutput()
                .addOutput(ValueInfos.tensor(tensor, ValueInfos.elemType(like), null));
        return OnnxGraph.wrap(g.model().toBuilder().setGraph(prune(b.build())).build());
    }

    /** Adds what {@code n} reads to {@code needed}, including outer values its subgraphs (a Loop body) read. */
    private static void addInputs(NodeProto n, Set<String> needed) {
        needed.addAll(n.getInputList());
        for (ai.onnx.proto.OnnxMl.AttributeProto a : n.getAttributeList()) {
            if (a.hasG()) {
                a.getG().getNodeList().forEach(inner -> addInputs(inner, needed));
            }
        }
    }

    /** Removes nodes and initialisers no graph output depends on. */
    static GraphProto prune(GraphProto g) {
        Set<String> needed = new HashSet<>();
        g.getOutputList().forEach(o -> needed.add(o.getName()));
        List<NodeProto> kept = new ArrayList<>();
        List<NodeProto> nodes = g.getNodeList();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto n = nodes.get(i);
            if (n.getOutputList().stream().anyMatch(needed::contains)) {
                kept.add(0, n);
                addInputs(n, needed);
            }
        }
        GraphProto.Builder b = g.toBuilder().clearNode().addAllNode(kept).clearInitializer().clearValueInfo();
        for (TensorProto t : g.getInitializerList()) {
            if (needed.contains(t.getName())) {
                b.addInitializer(t);
            }
        }
        for (ValueInfoProto v : g.getValueInfoList()) {
            if (needed.contains(v.getName())) {
                b.addValueInfo(v);
            }
        }
        return b.build();
    }
}
