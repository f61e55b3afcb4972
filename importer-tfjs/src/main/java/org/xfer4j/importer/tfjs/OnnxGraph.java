package org.xfer4j.importer.tfjs;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/** Accumulates the nodes, initialisers, inputs and outputs of one ONNX graph (opset 17) under unique names. */
final class OnnxGraph {

    static final int OPSET = 17;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** Adds node {@code op} named {@code output} (its single output has the same name) and returns that name. */
    String node(String op, String output, List<String> inputs, AttributeProto... attributes) {
        claim(output);
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return output;
    }

    /** Adds a float32 initialiser and returns its name. */
    String floats(String name, float[] values, long... dims) {
        claim(name);
        graph.addInitializer(TensorProtos.floats(name, dims, values));
        return name;
    }

    /** Adds a one-dimensional int64 initialiser and returns its name. */
    String longs(String name, long... values) {
        claim(name);
        graph.addInitializer(TensorProtos.vector(name, values));
        return name;
    }

    /** Declares a float32 graph input; unknown (negative) dimensions become symbolic, the first one "N". */
    void input(String name, long... dims) {
        claim(name);
        graph.addInput(ValueInfos.tensor(name, TensorProto.DataType.FLOAT_VALUE, dims));
    }

    /** Declares a graph output (an existing tensor). */
    void output(String name, long... dims) {
        graph.addOutput(ValueInfos.tensor(name, TensorProto.DataType.FLOAT_VALUE, dims));
    }

    /** Whether {@code name} is taken by a node output, initialiser or input. */
    boolean has(String name) {
        return names.contains(name);
    }

    ModelProto model(String producerVersion, String docString) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("xfer4j-importer-tfjs")
                .setProducerVersion(producerVersion).setDocString(docString)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph).build();
    }

    // Named wrappers over Attributes.of: they keep call sites free of overload casts (int vs long vs float).
    static AttributeProto ints(String name, long... values) {
        return Attributes.of(name, values);
    }

    static AttributeProto intAttr(String name, long value) {
        return Attributes.of(name, value);
    }

    static AttributeProto floatAttr(String name, double value) {
        return Attributes.of(name, (float) value);
    }

    static AttributeProto stringAttr(String name, String value) {
        return Attributes.of(name, value);
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new TfjsFormatException("two tensors of the imported graph would be named '" + name
                    + "'; layer names must be unique");
        }
    }
}
