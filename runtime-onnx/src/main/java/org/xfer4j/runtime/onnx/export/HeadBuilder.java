package org.xfer4j.runtime.onnx.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.XferException;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * Collects the nodes a classifier writes through {@link OnnxHead}. Constants become initialisers of the outermost
 * graph (loop bodies see them from there); names are unique across the head and its loop bodies.
 */
final class HeadBuilder implements OnnxHead {

    private static final String PREFIX = "head/";

    private final String features;
    private final int opset;
    private final List<TensorProto> constants;
    private final AtomicInteger names;
    private final List<NodeProto> nodes = new ArrayList<>();
    private String probabilities;

    /** A head reading {@code features} in a graph of default-domain {@code opset}. */
    HeadBuilder(String features, int opset) {
        this(features, opset, new ArrayList<>(), new AtomicInteger());
    }

    private HeadBuilder(String features, int opset, List<TensorProto> constants, AtomicInteger names) {
        this.features = features;
        this.opset = opset;
        this.constants = constants;
        this.names = names;
    }

    /** A head over {@code value} that shares this one's constants and names and starts with no nodes. */
    HeadBuilder reading(String value) {
        return new HeadBuilder(value, opset, constants, names);
    }

    @Override
    public String features() {
        return features;
    }

    @Override
    public int opset() {
        return opset;
    }

    @Override
    public String constant(double[] values, long... shape) {
        String name = fresh("constant");
        constants.add(TensorProtos.doubles(name, shape, values));
        return name;
    }

    @Override
    public String constantInts(long[] values, long... shape) {
        String name = fresh("constant");
        constants.add(TensorProtos.longs(name, shape, values));
        return name;
    }

    /** A constant tensor built elsewhere (strings, booleans), renamed to a fresh name. */
    String constant(TensorProto value) {
        String name = fresh("constant");
        constants.add(value.toBuilder().setName(name).build());
        return name;
    }

    @Override
    public String op(String opType, Map<String, ?> attributes, String... inputs) {
        String out = fresh(opType);
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(out).addAllInput(Arrays.asList(inputs))
                .addOutput(out);
        attributes.forEach((k, v) -> n.addAttribute(attribute(k, v)));
        nodes.add(n.build());
        return out;
    }

    @Override
    public String reduce(String opType, String input, boolean keepDims, long... axes) {
        Map<String, Object> keep = Map.of("keepdims", keepDims ? 1L : 0L);
        if (axes.length == 0) {
            return op(opType, keep, input);
        }
        // ReduceSum takes its axes as an input from opset 13, the others from opset 18
        if (opType.equals("ReduceSum") ? opset >= 13 : opset >= 18) {
            return op(opType, keep, input, constantInts(axes, axes.length));
        }
        return op(opType, Map.of("keepdims", keepDims ? 1L : 0L, "axes", axes), input);
    }

    @Override
    public List<String> loop(long maxTrips, List<String> initial, LoopBody body) {
        HeadBuilder inner = new HeadBuilder(features, opset, constants, names);
        String iteration = fresh("iteration");
        String condition = fresh("condition");
        List<String> carried = initial.stream().map(v -> fresh("carried")).toList();
        List<String> outputs = body.iterate(inner, carried);
        if (outputs.size() != initial.size() + 1) {
            throw new XferException("a loop body must return its condition and " + initial.size()
                    + " carried values, it returned " + outputs.size() + " values");
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName(fresh("loop_body")).addAllNode(inner.nodes)
                .addInput(ValueInfos.tensor(iteration, TensorProto.DataType.INT64_VALUE, new long[0]))
                .addInput(ValueInfos.tensor(condition, TensorProto.DataType.BOOL_VALUE, new long[0]));
        carried.forEach(c -> g.addInput(ValueInfos.tensor(c, TensorProto.DataType.DOUBLE_VALUE, null)));
        // a graph output must be a value the body computes: pass any other through Identity
        String go = inner.op("Identity", outputs.getFirst());
        g.addNode(inner.nodes.getLast());
        g.addOutput(ValueInfos.tensor(go, TensorProto.DataType.BOOL_VALUE, new long[0]));
        for (String o : outputs.subList(1, outputs.size())) {
            String next = inner.op("Identity", o);
            g.addNode(inner.nodes.getLast());
            g.addOutput(ValueInfos.tensor(next, TensorProto.DataType.DOUBLE_VALUE, null));
        }
        List<String> results = initial.stream().map(v -> fresh("loop_out")).toList();
        List<String> inputs = new ArrayList<>();
        inputs.add(constantInts(new long[] {maxTrips}));
        inputs.add(constant(TensorProto.newBuilder().setDataType(TensorProto.DataType.BOOL_VALUE).addInt32Data(1)
                .build()));
        inputs.addAll(initial);
        nodes.add(NodeProto.newBuilder().setOpType("Loop").setName(fresh("loop")).addAllInput(inputs)
                .addAllOutput(results).addAttribute(Attributes.of("body", g.build())).build());
        return results;
    }

    @Override
    public void probabilities(String value) {
        if (probabilities != null) {
            throw new XferException("a head declared its probabilities twice");
        }
        probabilities = value;
    }

    /** The declared probabilities. */
    String declaredProbabilities(String classifier) {
        if (probabilities == null) {
            throw new XferException(classifier + " wrote its ONNX head without declaring the probabilities");
        }
        return probabilities;
    }

    List<NodeProto> nodes() {
        return nodes;
    }

    List<TensorProto> constants() {
        return constants;
    }

    private String fresh(String what) {
        return PREFIX + what + "_" + names.getAndIncrement();
    }

    private static AttributeProto attribute(String name, Object value) {
        return switch (value) {
            case Long l -> Attributes.of(name, (long) l);
            case Integer i -> Attributes.of(name, (long) i);
            case Double d -> Attributes.of(name, (float) (double) d);
            case Float f -> Attributes.of(name, (float) f);
            case long[] ls -> Attributes.of(name, ls);
            case String s -> Attributes.of(name, s);
            default -> throw new InvalidInputException("ONNX attribute " + name + " cannot hold a "
                    + value.getClass().getSimpleName());
        };
    }
}
