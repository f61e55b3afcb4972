package org.xfer4j.importer.tfjs;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(asList(dims)).setRawData(ByteString.copyFrom(raw.array())));
        return name;
    }

    /** Adds a one-dimensional int64 initialiser and returns its name. */
    String longs(String name, long... values) {
        claim(name);
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).addAllInt64Data(asList(values)));
        return name;
    }

    /** Declares a float32 graph input; unknown (negative) dimensions become symbolic, the first one "N". */
    void input(String name, long... dims) {
        claim(name);
        graph.addInput(valueInfo(name, dims));
    }

    /** Declares a graph output (an existing tensor). */
    void output(String name, long... dims) {
        graph.addOutput(valueInfo(name, dims));
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

    static AttributeProto ints(String name, long... values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS)
                .addAllInts(asList(values)).build();
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto floatAttr(String name, double value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                .setF((float) value).build();
    }

    static AttributeProto stringAttr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new TfjsFormatException("two tensors of the imported graph would be named '" + name
                    + "'; layer names must be unique");
        }
    }

    private static ValueInfoProto valueInfo(String name, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < dims.length; i++) {
            shape.addDim(dims[i] >= 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(dims[i])
                    : TensorShapeProto.Dimension.newBuilder().setDimParam(i == 0 ? "N" : name + "_d" + i));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static List<Long> asList(long[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
