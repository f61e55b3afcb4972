package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A graph split where everything below the first trainable layer is frozen: the prefix computes one boundary tensor
 * from the input and reads no trainable parameter; the suffix takes the boundary as its input and holds every
 * trainable parameter. The prefix then needs running once per example, not once per epoch.
 */
public record FrozenPrefix(OnnxGraph prefix, OnnxGraph suffix, String boundary) {

    /**
     * The split of {@code graph} for its trainable parameters, or empty where there is none: several inputs, no
     * frozen layer below the trainable ones, or more than one tensor crossing from the frozen part.
     */
    public static Optional<FrozenPrefix> of(OnnxGraph graph) {
        if (graph.inputNames().size() != 1 || graph.outputNames().size() != 1) {
            return Optional.empty();
        }
        GraphIndex idx = graph.index();
        Set<String> trainable = graph.trainableParameters();
        Set<String> active = new HashSet<>(trainable);
        for (NodeProto n : idx.graph().getNodeList()) {
            if (n.getInputList().stream().anyMatch(active::contains)) {
                active.addAll(n.getOutputList());
            }
        }
        Set<String> boundary = new HashSet<>();
        for (NodeProto n : idx.graph().getNodeList()) {
            if (n.getOutputList().stream().anyMatch(active::contains)) {
                n.getInputList().stream().filter(i -> idx.isData(i) && !active.contains(i)).forEach(boundary::add);
            }
        }
        String input = graph.inputNames().getFirst();
        if (boundary.size() != 1 || boundary.contains(input)) {
            return Optional.empty();
        }
        String cut = boundary.iterator().next();
        OnnxGraph prefix = GraphCut.truncateAfter(graph, cut);
        Set<String> prefixNodes = new HashSet<>();
        prefix.model().getGraph().getNodeList().forEach(n -> prefixNodes.add(n.getName()));
        GraphProto source = graph.model().getGraph();
        GraphProto.Builder s = source.toBuilder().clearNode().clearInput();
        Set<String> available = new HashSet<>(Set.of(cut));
        source.getInitializerList().stream().map(TensorProto::getName).forEach(available::add);
        for (NodeProto n : source.getNodeList()) {
            if (!prefixNodes.contains(n.getName())) {
                if (!n.getInputList().stream().allMatch(i -> i.isEmpty() || available.contains(i))) {
                    return Optional.empty();
                }
                s.addNode(n);
                available.addAll(n.getOutputList());
            }
        }
        long[] shape = ShapeProbe.probe(prefix.model(), Map.of()).get(cut).shape().clone();
        shape[0] = -1;
        s.addInput(ValueInfos.tensor(cut, ValueInfos.elemType(source.getInput(0)), shape));
        OnnxGraph suffix = OnnxGraph.wrap(graph.model().toBuilder().setGraph(GraphCut.prune(s.build())).build());
        return Optional.of(new FrozenPrefix(prefix, suffix, cut));
    }
}
