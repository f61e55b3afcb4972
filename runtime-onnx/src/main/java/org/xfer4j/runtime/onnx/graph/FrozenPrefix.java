package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A graph split where everything below the first trainable layer is frozen: the prefix computes the boundary
 * tensors from the inputs and reads no trainable parameter; the suffix takes the boundary tensors, and those graph
 * inputs it still reads itself (an attention mask), as its inputs, and holds every trainable parameter. The prefix
 * then needs running once per example, not once per epoch.
 * <p>
 * A boundary tensor is one the suffix reads that depends on a frozen parameter and holds one row per example
 * ({@code [batch, ...]}, float). What the suffix reads besides is recomputed there: shapes of boundary tensors, and
 * whatever derives from the inputs alone (an additive attention mask made from the 0/1 mask). Boundary tensors
 * marked {@code perToken} are [batch, tokens, ...]: their length follows the token inputs' length.
 *
 * @param boundaries the prefix's outputs, in order, which the suffix reads as inputs
 * @param perToken   those of them whose second axis runs over the tokens of a sequence input
 * @param passed     graph inputs the suffix reads as they are
 */
public record FrozenPrefix(OnnxGraph prefix, OnnxGraph suffix, List<String> boundaries, Set<String> perToken,
        List<String> passed) {

    /** Batch size of the probe that finds which tensors hold one row per example. */
    private static final int PROBE_BATCH = 3;

    /** Length given to the inputs' dynamic axes beyond the first when probing: sequence lengths. */
    private static final int PROBE_TOKENS = 5;

    public FrozenPrefix {
        boundaries = List.copyOf(boundaries);
        perToken = Set.copyOf(perToken);
        passed = List.copyOf(passed);
    }

    /** The boundary tensors, comma-separated (one name for a chain). */
    public String boundary() {
        return String.join(",", boundaries);
    }

    /**
     * The split of {@code graph} for its trainable parameters, or empty where there is none: no frozen layer below
     * the trainable ones, or nothing frozen that the trainable part reads per example.
     */
    public static Optional<FrozenPrefix> of(OnnxGraph graph) {
        GraphIndex idx = graph.index();
        GraphProto source = idx.graph();
        Set<String> trainable = graph.trainableParameters();
        if (trainable.isEmpty()) {
            return Optional.empty();
        }
        Set<String> frozen = new HashSet<>(graph.parameters());
        frozen.removeAll(trainable);
        if (frozen.isEmpty()) {
            return Optional.empty();
        }
        Set<String> active = downstream(source, trainable);
        Set<String> weighted = downstream(source, frozen);
        Set<String> inputs = new LinkedHashSet<>(graph.inputNames());
        Set<String> initialisers = new HashSet<>();
        source.getInitializerList().forEach(t -> initialisers.add(t.getName()));

        Set<NodeProto> suffixNodes = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<String> needed = new ArrayDeque<>();
        for (NodeProto n : source.getNodeList()) {
            if (n.getOutputList().stream().anyMatch(active::contains)) {
                suffixNodes.add(n);
                needed.addAll(n.getInputList());
            }
        }
        if (suffixNodes.size() == source.getNodeCount()) {
            return Optional.empty();
        }
        Map<String, ShapeProbe.TensorType> types = null;
        Set<String> boundaries = new LinkedHashSet<>();
        Set<String> passed = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        while (!needed.isEmpty()) {
            String t = needed.removeFirst();
            if (t.isEmpty() || !seen.add(t) || initialisers.contains(t) || active.contains(t)) {
                continue;
            }
            if (inputs.contains(t)) {
                passed.add(t);
                continue;
            }
            NodeProto producer = idx.producer(t);
            if (producer == null) {
                return Optional.empty(); // an outer-scope value: leave the graph whole
            }
            if (weighted.contains(t)) {
                if (types == null) {
                    types = ShapeProbe.probe(graph.model(), probeShapes(source));
                }
                ShapeProbe.TensorType type = types.get(t);
                if (type != null && type.elemType() == TensorProto.DataType.FLOAT_VALUE && type.rank() > 0
                        && type.shape()[0] == PROBE_BATCH) {
                    boundaries.add(t);
                    continue;
                }
            }
            // derived from the inputs alone, or not one row per example (a shape): the suffix recomputes it
            if (suffixNodes.add(producer)) {
                needed.addAll(producer.getInputList());
            }
        }
        if (boundaries.isEmpty()) {
            return Optional.empty();
        }
        boolean sequences = hasTokenAxis(source);
        Set<String> perToken = new HashSet<>();
        for (String b : boundaries) {
            long[] s = types.get(b).shape();
            if (sequences && s.length >= 3 && s[1] == PROBE_TOKENS) {
                perToken.add(b);
            }
        }
        OnnxGraph prefix = prefix(graph, boundaries);
        OnnxGraph suffix = suffix(graph, suffixNodes, boundaries, perToken, passed, types);
        return Optional.of(new FrozenPrefix(prefix, suffix, List.copyOf(boundaries), perToken,
                List.copyOf(passed)));
    }

    /** Every tensor computed from {@code roots}, the roots included. */
    private static Set<String> downstream(GraphProto g, Set<String> roots) {
        Set<String> reached = new HashSet<>(roots);
        for (NodeProto n : g.getNodeList()) {
            if (n.getInputList().stream().anyMatch(reached::contains)) {
                reached.addAll(n.getOutputList());
            }
        }
        return reached;
    }

    /** The inputs' declared shapes, the batch axis at {@link #PROBE_BATCH}, other dynamic axes at {@link #PROBE_TOKENS}. */
    private static Map<String, long[]> probeShapes(GraphProto g) {
        Map<String, long[]> shapes = new HashMap<>();
        for (ValueInfoProto in : g.getInputList()) {
            long[] d = ValueInfos.dims(in);
            if (d == null) {
                continue; // the probe names it
            }
            d = d.clone();
            for (int i = 0; i < d.length; i++) {
                if (d[i] < 0) {
                    d[i] = i == 0 ? PROBE_BATCH : PROBE_TOKENS;
                }
            }
            shapes.put(in.getName(), d);
        }
        return shapes;
    }

    /** Whether some input has a dynamic axis besides the batch: token sequences of any length. */
    private static boolean hasTokenAxis(GraphProto g) {
        for (ValueInfoProto in : g.getInputList()) {
            long[] d = ValueInfos.dims(in);
            for (int i = 1; d != null && i < d.length; i++) {
                if (d[i] < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code graph} computing only {@code outputs} (float), and declaring only the inputs it reads. */
    private static OnnxGraph prefix(OnnxGraph graph, Set<String> outputs) {
        GraphProto.Builder b = graph.model().getGraph().toBuilder().clearOutput();
        outputs.forEach(o -> b.addOutput(ValueInfos.tensor(o, TensorProto.DataType.FLOAT_VALUE, null)));
        return OnnxGraph.wrap(graph.model().toBuilder().setGraph(onlyReadInputs(GraphCut.prune(b.build()))).build());
    }

    /** The suffix: its nodes in their order, the boundary tensors and passed inputs as its inputs. */
    private static OnnxGraph suffix(OnnxGraph graph, Set<NodeProto> nodes, Set<String> boundaries,
            Set<String> perToken, Set<String> passed, Map<String, ShapeProbe.TensorType> types) {
        GraphProto source = graph.model().getGraph();
        GraphProto.Builder s = source.toBuilder().clearNode().clearInput();
        for (NodeProto n : source.getNodeList()) {
            if (nodes.contains(n)) {
                s.addNode(n);
            }
        }
        for (String b : boundaries) {
            long[] shape = types.get(b).shape().clone();
            shape[0] = -1;
            if (perToken.contains(b)) {
                shape[1] = -1;
            }
            s.addInput(ValueInfos.tensor(b, TensorProto.DataType.FLOAT_VALUE, shape));
        }
        for (ValueInfoProto in : source.getInputList()) {
            if (passed.contains(in.getName())) {
                s.addInput(in);
            }
        }
        GraphProto pruned = GraphCut.prune(s.build());
        GraphProto.Builder clean = pruned.toBuilder().clearValueInfo();
        pruned.getValueInfoList().stream().filter(v -> !boundaries.contains(v.getName())).forEach(clean::addValueInfo);
        return OnnxGraph.wrap(graph.model().toBuilder().setGraph(clean).build());
    }

    /** {@code g} without the inputs none of its nodes reads. */
    private static GraphProto onlyReadInputs(GraphProto g) {
        Set<String> read = new HashSet<>();
        g.getNodeList().forEach(n -> read.addAll(n.getInputList()));
        g.getOutputList().forEach(o -> read.add(o.getName()));
        List<ValueInfoProto> kept = new ArrayList<>();
        g.getInputList().stream().filter(i -> read.contains(i.getName())).forEach(kept::add);
        return g.toBuilder().clearInput().addAllInput(kept).build();
    }
}
