package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings a loaded model to the one form graph surgery and autodiff work on: parameters as initialisers (not Constant
 * nodes), every node named, initialisers not repeated as graph inputs, default-domain opset at least 13.
 */
final class GraphNormaliser {

    private GraphNormaliser() {
    }

    static ModelProto normalise(ModelProto model, String origin) {
        int opset = defaultOpset(model);
        GraphProto.Builder g = model.getGraph().toBuilder();
        constantsToInitialisers(g);
        nameNodes(g);
        dropInitialiserInputs(g);
        OpsetUpgrade.apply(g, opset, origin);
        ModelProto.Builder m = model.toBuilder().setGraph(g).clearOpsetImport();
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (!o.getDomain().isEmpty() && !o.getDomain().equals("ai.onnx")) {
                m.addOpsetImport(o);
            }
        }
        m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(Math.max(opset,
                OpsetUpgrade.TARGET)));
        m.setIrVersion(Math.max(model.getIrVersion(), 7));
        return m.build();
    }

    /** The default-domain opset of {@code model} (1 where it declares none). */
    static int defaultOpset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return (int) o.getVersion();
            }
        }
        return 1;
    }

    private static void constantsToInitialisers(GraphProto.Builder g) {
        List<NodeProto> nodes = List.copyOf(g.getNodeList());
        g.clearNode();
        for (NodeProto n : nodes) {
            TensorProto value = n.getOpType().equals("Constant") && n.getDomain().isEmpty() ? constantValue(n) : null;
            if (value != null) {
                g.addInitializer(value.toBuilder().setName(n.getOutput(0)));
            } else {
                g.addNode(n);
            }
        }
    }

    private static TensorProto constantValue(NodeProto n) {
        if (n.getAttributeCount() != 1) {
            return null;
        }
        AttributeProto a = n.getAttribute(0);
        return switch (a.getName()) {
            case "value" -> a.getT();
            case "value_float" -> TensorProtos.scalar("", TensorProto.DataType.FLOAT_VALUE, a.getF());
            case "value_int" -> TensorProtos.scalar("", TensorProto.DataType.INT64_VALUE, a.getI());
            case "value_ints" -> TensorProtos.vector("", a.getIntsList().stream().mapToLong(Long::longValue)
                    .toArray());
            case "value_floats" -> {
                float[] f = new float[a.getFloatsCount()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = a.getFloats(i);
                }
                yield TensorProtos.floats("", new long[] {f.length}, f);
            }
            default -> null;
        };
    }

    private static void nameNodes(GraphProto.Builder g) {
        Set<String> used = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            used.add(n.getName());
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            if (n.getName().isEmpty()) {
                String name = n.getOpType() + "_" + i;
                for (int k = 1; used.contains(name); k++) {
                    name = n.getOpType() + "_" + i + "_" + k;
                }
                used.add(name);
                g.setNode(i, n.toBuilder().setName(name));
            }
        }
    }

    private static void dropInitialiserInputs(GraphProto.Builder g) {
        Set<String> init = new HashSet<>();
        for (TensorProto t : g.getInitializerList()) {
            init.add(t.getName());
        }
        List<ValueInfoProto> inputs = List.copyOf(g.getInputList());
        g.clearInput();
        for (ValueInfoProto v : inputs) {
            if (!init.contains(v.getName())) {
                g.addInput(v);
            }
        }
    }
}
