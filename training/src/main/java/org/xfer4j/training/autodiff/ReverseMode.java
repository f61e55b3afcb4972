package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.runtime.onnx.graph.ShapeProbe;
import org.xfer4j.runtime.onnx.graph.ShapeProbe.TensorType;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * Reverse-mode differentiation of an ONNX graph into an ONNX graph: appends, in standard operators, the gradient of
 * one scalar output with respect to chosen inputs or initialisers. Only floating-point tensors carry gradients, so
 * shape arithmetic and masks need no rules; a layer between a differentiated tensor and the loss whose operator has
 * no rule is an {@link UnsupportedOperatorException} naming it. The result can be differentiated again.
 */
public final class ReverseMode {

    /** The opset training graphs declare (ScatterElements with reduction needs 16). */
    static final int OPSET = 17;

    /** The extended model, and the name of the gradient output of each differentiated tensor. */
    public record Result(ModelProto model, Map<String, String> gradients) {
    }

    private ReverseMode() {
    }

    /**
     * Appends d{@code scalar}/d{@code wrt} as graph outputs named {@code "grad." + name} (or with a numeric suffix
     * where that name is taken).
     *
     * @param inputShapes example shapes of the graph inputs used to find tensor shapes (batch dimension at least 2)
     */
    public static Result differentiate(ModelProto model, String scalar, List<String> wrt,
            Map<String, long[]> inputShapes) {
        ModelProto m = prepare(atOpset(model));
        GraphProto g = m.getGraph();
        Map<String, TensorProto> constants = new HashMap<>();
        g.getInitializerList().forEach(t -> constants.put(t.getName(), t));
        Map<String, TensorType> types = new HashMap<>(ShapeProbe.probe(m, inputShapes));
        constants.values().forEach(t -> types.put(t.getName(), new TensorType(TensorProtos.shape(t),
                t.getDataType())));
        for (String w : wrt) {
            if (!types.containsKey(w)) {
                throw new InvalidInputException("cannot differentiate with respect to " + w
                        + ": the graph has no such input or initialiser");
            }
        }
        if (!types.containsKey(scalar) || types.get(scalar).shape().length > 0
                && org.xfer4j.api.data.Tensor.elementCount(types.get(scalar).shape()) != 1) {
            throw new InvalidInputException("cannot differentiate " + scalar + ": it must be a graph tensor holding"
                    + " one number");
        }
        Set<String> active = active(g, new HashSet<>(wrt), types);
        Emitter e = new Emitter(freshPrefix(g));
        Map<String, List<String>> contributions = new HashMap<>();
        contributions.put(scalar, new ArrayList<>(List.of(e.scalar(1.0, types.get(scalar).elemType()))));
        List<NodeProto> nodes = g.getNodeList();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto n = nodes.get(i);
            if (n.getInputList().stream().noneMatch(active::contains)) {
                continue;
            }
            List<String> dys = new ArrayList<>();
            boolean any = false;
            for (String o : n.getOutputList()) {
                String dy = total(e, contributions.remove(o));
                dys.add(dy);
                any |= dy != null;
            }
            if (!any) {
                continue;
            }
            GradientRule rule = Rules.of(n);
            rule.backward(new RuleContext(n, e, types, constants, active, dys, contributions));
        }
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(types.keySet());
        GraphProto.Builder out = g.toBuilder();
        for (String w : wrt) {
            String total = total(e, contributions.get(w));
            if (total == null) {
                total = e.mul(w, e.scalar(0, types.get(w).elemType()));
            }
            String name = "grad." + w;
            for (int k = 1; taken.contains(name); k++) {
                name = "grad." + w + "." + k;
            }
            taken.add(name);
            e.node("Identity", List.of(total), List.of(name));
            names.put(w, name);
            out.addOutput(ValueInfos.tensor(name, types.get(w).elemType(), types.get(w).shape()));
        }
        out.addAllNode(e.nodes()).addAllInitializer(e.constants());
        return new Result(m.toBuilder().setGraph(out).build(), Collections.unmodifiableMap(names));
    }

    /** Tensors that depend on {@code wrt} through floating-point values. */
    private static Set<String> active(GraphProto g, Set<String> wrt, Map<String, TensorType> types) {
        Set<String> active = new HashSet<>(wrt);
        for (NodeProto n : g.getNodeList()) {
            if (n.getInputList().stream().anyMatch(active::contains)) {
                for (String o : n.getOutputList()) {
                    TensorType t = types.get(o);
                    if (t != null && (t.elemType() == TensorProto.DataType.FLOAT_VALUE
                            || t.elemType() == TensorProto.DataType.DOUBLE_VALUE)) {
                        active.add(o);
                    }
                }
            }
        }
        return active;
    }

    private static String total(Emitter e, List<String> parts) {
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        return parts.size() == 1 ? parts.getFirst() : e.op("Sum", parts);
    }

    private static ModelProto prepare(ModelProto m) {
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            if (Rules.has(n)) {
                g.setNode(i, Rules.of(n).prepare(n));
            }
        }
        return m.toBuilder().setGraph(g).build();
    }

    /** {@code model} declaring at least opset {@link #OPSET} (no operator it may hold changed from 13 to 17). */
    static ModelProto atOpset(ModelProto model) {
        ModelProto.Builder b = model.toBuilder().clearOpsetImport();
        long version = OPSET;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                if (o.getVersion() < 13) {
                    throw new InvalidInputException("graph uses opset " + o.getVersion()
                            + "; load it through OnnxGraph, which upgrades it, before differentiating");
                }
                version = Math.max(version, o.getVersion());
            } else {
                b.addOpsetImport(o);
            }
        }
        return b.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(version))
                .setIrVersion(Math.max(model.getIrVersion(), 8)).build();
    }

    private static String freshPrefix(GraphProto g) {
        Set<String> names = new HashSet<>();
        g.getNodeList().forEach(n -> {
            names.addAll(n.getOutputList());
            names.add(n.getName());
        });
        g.getInitializerList().forEach(t -> names.add(t.getName()));
        g.getInputList().stream().map(ValueInfoProto::getName).forEach(names::add);
        for (int k = 1;; k++) {
            String p = "d" + k + "/";
            if (names.stream().noneMatch(s -> s.startsWith(p))) {
                return p;
            }
        }
    }
}
