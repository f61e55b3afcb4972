package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.xfer4j.api.InvalidInputException;

/** Adds one layer on top of the output or below the input of a graph. */
final class LayerAppender {

    /** The nodes and parameters of one new layer and the tensor it outputs. */
    private record Fragment(List<NodeProto> nodes, List<TensorProto> parameters, String output) {
    }

    private LayerAppender() {
    }

    static OnnxGraph onTop(OnnxGraph g, LayerSpec spec, long seed) {
        if (g.outputNames().size() != 1) {
            throw new InvalidInputException("cannot add a layer on top of a graph with " + g.outputNames().size()
                    + " outputs " + g.outputNames());
        }
        String out = g.outputNames().get(0);
        long[] shape = needsShape(spec) ? ShapeProbe.probe(g.model(), Map.of()).get(out).shape() : null;
        String name = layerName(g, spec);
        Fragment f = build(spec, name, out, shape, seed);
        GraphProto.Builder b = g.model().getGraph().toBuilder().addAllNode(f.nodes()).addAllInitializer(f.parameters())
                .clearOutput().addOutput(ValueInfos.tensor(f.output(), TensorProto.DataType.FLOAT_VALUE, null));
        return OnnxGraph.wrap(g.model().toBuilder().setGraph(b).build());
    }

    static OnnxGraph atBottom(OnnxGraph g, LayerSpec spec, long seed, long[] newInputShape) {
        if (g.inputNames().size() != 1) {
            throw new InvalidInputException("cannot add a layer below a graph with " + g.inputNames().size()
                    + " inputs " + g.inputNames());
        }
        String in = g.inputNames().get(0);
        String name = layerName(g, spec);
        Fragment f = build(spec, name, in, newInputShape, seed);
        String renamed = f.output();
        GraphProto old = g.model().getGraph();
        GraphProto.Builder b = old.toBuilder().clearNode().addAllNode(f.nodes());
        for (NodeProto n : old.getNodeList()) {
            NodeProto.Builder nb = n.toBuilder();
            for (int i = 0; i < n.getInputCount(); i++) {
                if (n.getInput(i).equals(in)) {
                    nb.setInput(i, renamed);
                }
            }
            b.addNode(nb);
        }
        b.addAllInitializer(f.parameters()).setInput(0, ValueInfos.tensor(in,
                ValueInfos.elemType(old.getInput(0)), newInputShape));
        return OnnxGraph.wrap(g.model().toBuilder().setGraph(b).build());
    }

    private static boolean needsShape(LayerSpec spec) {
        return spec instanceof LayerSpec.Dense || spec instanceof LayerSpec.Conv || spec instanceof LayerSpec.BatchNorm;
    }

    private static String layerName(OnnxGraph g, LayerSpec spec) {
        if (spec.name() != null) {
            boolean taken = g.model().getGraph().getNodeList().stream().anyMatch(n -> n.getName().equals(spec.name()));
            if (taken) {
                throw new InvalidInputException("the graph already has a layer named " + spec.name());
            }
            return spec.name();
        }
        for (int k = 1;; k++) {
            String candidate = spec.kind() + "_" + k;
            if (g.model().getGraph().getNodeList().stream().noneMatch(n -> n.getName().equals(candidate))) {
                return candidate;
            }
        }
    }

    private static Fragment build(LayerSpec spec, String name, String in, long[] shape, long seed) {
        String out = name + ".out";
        Random rng = new Random(seed);
        return switch (spec) {
            case LayerSpec.Dense d -> {
                if (shape == null || shape.length != 2) {
                    throw new InvalidInputException("dense layer " + name + " needs a rank-2 input, got shape "
                            + Arrays.toString(shape) + "; add a flatten layer first");
                }
                long[] w = {d.units(), shape[1]};
                yield new Fragment(List.of(Attributes.node("Gemm", name, List.of(in, name + ".weight", name + ".bias"),
                        List.of(out), Attributes.of("transB", 1L))), List.of(
                        TensorProtos.floats(name + ".weight", w,
                                ParameterInit.draw(d.init(), w, shape[1], d.units(), rng)),
                        TensorProtos.floats(name + ".bias", new long[] {d.units()}, new float[d.units()])), out);
            }
            case LayerSpec.Conv c -> {
                if (shape == null || shape.length != 4 || shape[1] % c.groups() != 0) {
                    throw new InvalidInputException("conv layer " + name + " needs an NCHW input whose channels "
                            + "divide by " + c.groups() + " groups, got shape " + Arrays.toString(shape));
                }
                long inPerGroup = shape[1] / c.groups();
                long[] w = {c.outChannels(), inPerGroup, c.kernel(), c.kernel()};
                long area = (long) c.kernel() * c.kernel();
                int p = c.padding();
                yield new Fragment(List.of(Attributes.node("Conv", name, List.of(in, name + ".weight", name + ".bias"),
                        List.of(out), Attributes.of("strides", c.stride(), c.stride()),
                        Attributes.of("pads", p, p, p, p), Attributes.of("group", (long) c.groups()),
                        Attributes.of("kernel_shape", c.kernel(), c.kernel()))), List.of(
                        TensorProtos.floats(name + ".weight", w, ParameterInit.draw(c.init(), w, inPerGroup * area,
                                c.outChannels() * area, rng)),
                        TensorProtos.floats(name + ".bias", new long[] {c.outChannels()}, new float[c.outChannels()])),
                        out);
            }
            case LayerSpec.BatchNorm b -> {
                if (shape == null || shape.length < 2) {
                    throw new InvalidInputException("batch norm layer " + name + " needs an input of rank >= 2, got "
                            + Arrays.toString(shape));
                }
                int ch = Math.toIntExact(shape[1]);
                List<TensorProto> params = new ArrayList<>();
                for (String[] p : new String[][] {{"scale", "1"}, {"bias", "0"}, {"mean", "0"}, {"var", "1"}}) {
                    float[] v = new float[ch];
                    Arrays.fill(v, Float.parseFloat(p[1]));
                    params.add(TensorProtos.floats(name + "." + p[0], new long[] {ch}, v));
                }
                yield new Fragment(List.of(Attributes.node("BatchNormalization", name, List.of(in, name + ".scale",
                        name + ".bias", name + ".mean", name + ".var"), List.of(out))), params, out);
            }
            case LayerSpec.Activation a -> activation(a, name, in, out);
            case LayerSpec.Dropout d -> new Fragment(List.of(Attributes.node("Dropout", name,
                    List.of(in, name + ".ratio"), List.of(out))), List.of(TensorProtos.scalar(name + ".ratio",
                    TensorProto.DataType.FLOAT_VALUE, d.ratio())), out);
            case LayerSpec.Pool p -> switch (p.pool()) {
                case GLOBAL_AVERAGE -> single("GlobalAveragePool", name, in, out);
                case MAX, AVERAGE -> new Fragment(List.of(Attributes.node(p.pool() == LayerSpec.PoolKind.MAX
                        ? "MaxPool" : "AveragePool", name, List.of(in), List.of(out),
                        Attributes.of("kernel_shape", p.kernel(), p.kernel()),
                        Attributes.of("strides", p.stride(), p.stride()))), List.of(), out);
            };
            case LayerSpec.Flatten f -> new Fragment(List.of(Attributes.node("Flatten", name, List.of(in),
                    List.of(out), Attributes.of("axis", 1L))), List.of(), out);
            case LayerSpec.Softmax s -> new Fragment(List.of(Attributes.node("Softmax", name, List.of(in),
                    List.of(out), Attributes.of("axis", -1L))), List.of(), out);
        };
    }

    private static Fragment activation(LayerSpec.Activation a, String name, String in, String out) {
        return switch (a.activation()) {
            case RELU -> single("Relu", name, in, out);
            case SIGMOID -> single("Sigmoid", name, in, out);
            case TANH -> single("Tanh", name, in, out);
            case LEAKY_RELU -> new Fragment(List.of(Attributes.node("LeakyRelu", name, List.of(in), List.of(out),
                    Attributes.of("alpha", 0.01f))), List.of(), out);
            case RELU6 -> new Fragment(List.of(Attributes.node("Clip", name, List.of(in, name + ".min", name + ".max"),
                    List.of(out))), List.of(TensorProtos.scalar(name + ".min", TensorProto.DataType.FLOAT_VALUE, 0),
                    TensorProtos.scalar(name + ".max", TensorProto.DataType.FLOAT_VALUE, 6)), out);
        };
    }

    private static Fragment single(String op, String name, String in, String out) {
        return new Fragment(List.of(Attributes.node(op, name, List.of(in), List.of(out))), List.of(), out);
    }
}
