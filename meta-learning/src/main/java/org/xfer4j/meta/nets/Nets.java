package org.xfer4j.meta.nets;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.Init;
import org.xfer4j.runtime.onnx.graph.LayerSpec;
import org.xfer4j.runtime.onnx.graph.LayerSpec.ActivationKind;
import org.xfer4j.runtime.onnx.graph.LayerSpec.PoolKind;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * Builds small networks as ONNX graphs with seeded initialisation: MLPs (Xavier-uniform weights, zero biases, as
 * PyTorch's {@code xavier_uniform_}) and the few-shot CNN (blocks of 3x3 convolution, batch normalisation, ReLU and
 * 2x2 max pooling, then a dense head). The graph input is {@value #INPUT}; the output has no softmax, so it serves
 * as regression output or as logits.
 *
 * <pre>{@code
 * OnnxGraph sine = Nets.mlp(new int[] {1, 64, 64, 1}, ActivationKind.TANH, 7);   // the sine-wave net
 * OnnxGraph cnn = Nets.fewShotCnn(1, 28, 4, 32, 5, 7);                       // 5-way episodes on 28x28 grey
 * OnnxGraph net = Nets.parse("mlp:1-64-64-1:tanh", 7);                       // the same, from a CLI spec
 * }</pre>
 */
public final class Nets {

    /** The name of the graph input. */
    public static final String INPUT = "x";

    private Nets() {
    }

    /**
     * A fully connected net of {@code widths} (input features first, outputs last) with {@code activation} between
     * layers and none after the last.
     */
    public static OnnxGraph mlp(int[] widths, ActivationKind activation, long seed) {
        if (widths.length < 2) {
            throw new InvalidOptionException("an MLP needs at least an input and an output width, got "
                    + widths.length + " widths");
        }
        for (int w : widths) {
            if (w <= 0) {
                throw new InvalidOptionException("MLP widths must be > 0, got " + w);
            }
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 1; i < widths.length; i++) {
            layers.add(new LayerSpec.Dense(widths[i], Init.XAVIER, "dense_" + i));
            if (i < widths.length - 1) {
                layers.add(new LayerSpec.Activation(activation, activation.name().toLowerCase(Locale.ROOT) + "_" + i));
            }
        }
        return build("mlp", new long[] {-1, widths[0]}, layers, seed);
    }

    /**
     * The few-shot CNN: {@code blocks} blocks of a 3x3 convolution with {@code filters} channels ("same" padding,
     * He initialisation), batch normalisation, ReLU and 2x2 max pooling, on {@code channels} x {@code size} x
     * {@code size} images, then a dense layer to {@code classes} logits (4 blocks of 32 on 28x28 grey images is the
     * classic Omniglot net). Batch normalisation starts as the identity with fixed running statistics.
     */
    public static OnnxGraph fewShotCnn(int channels, int size, int blocks, int filters, int classes, long seed) {
        if (channels <= 0 || size <= 0 || blocks <= 0 || filters <= 0 || classes <= 0) {
            throw new InvalidOptionException("CNN channels, size, blocks, filters and classes must be > 0, got "
                    + channels + ", " + size + ", " + blocks + ", " + filters + ", " + classes);
        }
        if (size >> blocks < 1) {
            throw new InvalidOptionException(blocks + " pooling blocks shrink a " + size + "x" + size
                    + " image below one pixel");
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int b = 1; b <= blocks; b++) {
            layers.add(new LayerSpec.Conv(filters, 3, 1, 1, 1, Init.HE, "conv_" + b));
            layers.add(new LayerSpec.BatchNorm("bn_" + b));
            layers.add(new LayerSpec.Activation(ActivationKind.RELU, "relu_" + b));
            layers.add(new LayerSpec.Pool(PoolKind.MAX, 2, 2, "pool_" + b));
        }
        layers.add(new LayerSpec.Flatten("flatten"));
        layers.add(new LayerSpec.Dense(classes, Init.XAVIER, "head"));
        return build("cnn", new long[] {-1, channels, size, size}, layers, seed);
    }

    /**
     * A net from a one-line spec: {@code mlp:1-64-64-1[:tanh|relu|sigmoid]} or
     * {@code cnn:CHANNELSxSIZE:BLOCKSxFILTERS:CLASSES} (e.g. {@code cnn:1x28:4x32:5}).
     *
     * @throws InvalidOptionException naming the spec when it does not parse
     */
    public static OnnxGraph parse(String spec, long seed) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            if (parts[0].equals("mlp") && (parts.length == 2 || parts.length == 3)) {
                int[] widths = java.util.Arrays.stream(parts[1].split("-")).mapToInt(Integer::parseInt).toArray();
                ActivationKind a = parts.length == 3 ? ActivationKind.valueOf(parts[2].toUpperCase(Locale.ROOT))
                        : ActivationKind.TANH;
                return mlp(widths, a, seed);
            }
            if (parts[0].equals("cnn") && parts.length == 4) {
                String[] image = parts[1].split("x");
                String[] blocks = parts[2].split("x");
                return fewShotCnn(Integer.parseInt(image[0]), Integer.parseInt(image[1]),
                        Integer.parseInt(blocks[0]), Integer.parseInt(blocks[1]), Integer.parseInt(parts[3]), seed);
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidOptionException("net spec '" + spec + "' does not parse: " + e.getMessage()
                    + "; expected mlp:1-64-64-1[:tanh|relu|sigmoid] or cnn:1x28:4x32:5");
        }
        throw new InvalidOptionException("net spec '" + spec + "' does not parse; expected "
                + "mlp:1-64-64-1[:tanh|relu|sigmoid] or cnn:1x28:4x32:5");
    }

    /** Stacks {@code layers} on the input, then wires the first layer to the input directly. */
    private static OnnxGraph build(String name, long[] inputShape, List<LayerSpec> layers, long seed) {
        String start = INPUT + ".start";
        GraphProto g = GraphProto.newBuilder().setName(name)
                .addInput(ValueInfos.tensor(INPUT, TensorProto.DataType.FLOAT_VALUE, inputShape))
                .addNode(Attributes.node("Identity", "input", List.of(INPUT), List.of(start)))
                .addOutput(ValueInfos.tensor(start, TensorProto.DataType.FLOAT_VALUE, inputShape)).build();
        OnnxGraph net = OnnxGraph.of(ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).build(), name);
        net = net.addOnTop(seed, layers.toArray(LayerSpec[]::new));
        GraphProto.Builder b = net.model().getGraph().toBuilder().clearNode();
        for (NodeProto n : net.model().getGraph().getNodeList()) {
            if (n.getOutputList().contains(start)) {
                continue;
            }
            NodeProto.Builder nb = n.toBuilder();
            for (int i = 0; i < n.getInputCount(); i++) {
                if (n.getInput(i).equals(start)) {
                    nb.setInput(i, INPUT);
                }
            }
            b.addNode(nb);
        }
        return OnnxGraph.of(net.model().toBuilder().setGraph(b).build(), name);
    }
}
