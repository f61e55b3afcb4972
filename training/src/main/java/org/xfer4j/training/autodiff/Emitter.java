package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;

/** Collects the nodes and constants of generated graph parts under fresh, collision-free names. */
final class Emitter {

    private final String prefix;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> constants = new ArrayList<>();
    private final Map<String, String> constantNames = new HashMap<>();
    private int counter;

    /** Names start with {@code prefix}, which must not start any existing tensor name. */
    Emitter(String prefix) {
        this.prefix = prefix;
    }

    List<NodeProto> nodes() {
        return nodes;
    }

    List<TensorProto> constants() {
        return constants;
    }

    String fresh(String hint) {
        return prefix + hint + "_" + (counter++);
    }

    /** One node with one output; returns the output name. */
    String op(String type, List<String> inputs, AttributeProto... attributes) {
        String out = fresh(type);
        nodes.add(Attributes.node(type, out, inputs, List.of(out), attributes));
        return out;
    }

    String op(String type, String input, AttributeProto... attributes) {
        return op(type, List.of(input), attributes);
    }

    String op(String type, String a, String b, AttributeProto... attributes) {
        return op(type, List.of(a, b), attributes);
    }

    /** A node whose outputs get the given names. */
    void node(String type, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        nodes.add(Attributes.node(type, fresh(type), inputs, outputs, attributes));
    }

    /** A scalar constant of element type {@code elemType}. */
    String scalar(double value, int elemType) {
        return constant("s" + elemType + ":" + value, name -> TensorProtos.scalar(name, elemType, value));
    }

    /** A 1-d int64 constant. */
    String ints(long... values) {
        return constant("i:" + Arrays.toString(values), name -> TensorProtos.vector(name, values));
    }

    /** A constant tensor with the given values, under a fresh name. */
    String tensor(TensorProto value) {
        String name = fresh("const");
        constants.add(value.toBuilder().setName(name).build());
        return name;
    }

    private String constant(String key, java.util.function.Function<String, TensorProto> make) {
        return constantNames.computeIfAbsent(key, k -> {
            String name = fresh("const");
            constants.add(make.apply(name));
            return name;
        });
    }

    // Short forms for the arithmetic the rules use.

    String add(String a, String b) {
        return op("Add", a, b);
    }

    String sub(String a, String b) {
        return op("Sub", a, b);
    }

    String mul(String a, String b) {
        return op("Mul", a, b);
    }

    String div(String a, String b) {
        return op("Div", a, b);
    }

    String neg(String a) {
        return op("Neg", a);
    }

    String shape(String a) {
        return op("Shape", a);
    }

    String reshape(String a, String shape) {
        return op("Reshape", a, shape);
    }

    String cast(String a, int elemType) {
        return op("Cast", a, Attributes.of("to", (long) elemType));
    }

    String transpose(String a, long... perm) {
        return op("Transpose", a, Attributes.of("perm", perm));
    }

    /** Sum over {@code axes}. */
    String reduceSum(String a, boolean keepDims, long... axes) {
        return op("ReduceSum", a, ints(axes), Attributes.of("keepdims", keepDims ? 1L : 0L));
    }
}
