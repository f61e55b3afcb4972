package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.ShapeProbe.TensorType;

/** What a gradient rule sees of one node: its tensors, their types, the output gradients, and where to emit. */
final class RuleContext {

    private final NodeProto node;
    private final Emitter emitter;
    private final Map<String, TensorType> types;
    private final Map<String, TensorProto> constants;
    private final Set<String> active;
    private final List<String> outputGrads;
    private final Map<String, List<String>> contributions;

    RuleContext(NodeProto node, Emitter emitter, Map<String, TensorType> types, Map<String, TensorProto> constants,
            Set<String> active, List<String> outputGrads, Map<String, List<String>> contributions) {
        this.node = node;
        this.emitter = emitter;
        this.types = types;
        this.constants = constants;
        this.active = active;
        this.outputGrads = outputGrads;
        this.contributions = contributions;
    }

    NodeProto node() {
        return node;
    }

    Emitter e() {
        return emitter;
    }

    /** Input {@code i}'s tensor name, or "" where absent. */
    String in(int i) {
        return i < node.getInputCount() ? node.getInput(i) : "";
    }

    int inputCount() {
        return node.getInputCount();
    }

    String out(int i) {
        return node.getOutput(i);
    }

    /** Whether input {@code i} needs a gradient. */
    boolean needs(int i) {
        return !in(i).isEmpty() && active.contains(in(i));
    }

    /** The gradient of output {@code i}, or null where the loss does not depend on it. */
    String dy(int i) {
        return i < outputGrads.size() ? outputGrads.get(i) : null;
    }

    String dy() {
        return dy(0);
    }

    /** Hands over the gradient of input {@code i} (ignored unless {@link #needs(int)}). */
    void give(int i, String grad) {
        if (needs(i)) {
            contributions.computeIfAbsent(in(i), k -> new ArrayList<>()).add(grad);
        }
    }

    TensorType type(String tensor) {
        TensorType t = types.get(tensor);
        if (t == null) {
            throw new UnsupportedOperatorException("layer " + node.getName() + " (" + node.getOpType()
                    + "): the type of tensor " + tensor + " is unknown");
        }
        return t;
    }

    long[] shape(String tensor) {
        return type(tensor).shape();
    }

    int rank(String tensor) {
        return type(tensor).rank();
    }

    /** The element type gradients of this node have (that of its first output). */
    int elem() {
        return type(out(0)).elemType();
    }

    String scalar(double v) {
        return emitter.scalar(v, elem());
    }

    /** The int64 values of a constant input, or null where the input is computed. */
    long[] constInts(int i) {
        TensorProto t = constants.get(in(i));
        return t == null ? null : org.xfer4j.runtime.onnx.graph.TensorProtos.toLongs(t);
    }

    long attr(String name, long fallback) {
        return Attributes.getInt(node, name, fallback);
    }

    float attr(String name, float fallback) {
        return Attributes.getFloat(node, name, fallback);
    }

    long[] ints(String name) {
        return Attributes.getInts(node, name);
    }

    /** Normalises a possibly negative axis against the rank of {@code tensor}. */
    long axis(long axis, String tensor) {
        return axis < 0 ? axis + rank(tensor) : axis;
    }

    /** An {@link UnsupportedOperatorException} naming this layer. */
    UnsupportedOperatorException unsupported(String why) {
        return new UnsupportedOperatorException("layer " + node.getName() + " (" + node.getOpType() + ") has no "
                + "gradient: " + why);
    }

    /**
     * Sums {@code grad} (shaped like the node's output under broadcasting) down to the shape of {@code target}:
     * over leading axes {@code target} lacks, and over axes where {@code target} has size 1.
     */
    String unbroadcast(String grad, String target, String broadcastShapeOf) {
        long[] full = shape(broadcastShapeOf);
        long[] t = shape(target);
        int lead = full.length - t.length;
        String g = grad;
        if (lead > 0) {
            long[] axes = new long[lead];
            Arrays.setAll(axes, k -> k);
            g = emitter.reduceSum(g, false, axes);
        }
        List<Long> ones = new ArrayList<>();
        for (int k = 0; k < t.length; k++) {
            if (t[k] == 1 && full[k + lead] != 1) {
                ones.add((long) k);
            }
        }
        if (!ones.isEmpty()) {
            g = emitter.reduceSum(g, true, ones.stream().mapToLong(Long::longValue).toArray());
        }
        return g;
    }

    /** {@link #unbroadcast(String, String, String)} against the node's first output. */
    String unbroadcast(String grad, String target) {
        return unbroadcast(grad, target, out(0));
    }
}
