package org.xfer4j.importer.tfjs;

import static org.xfer4j.importer.tfjs.OnnxGraph.floatAttr;
import static org.xfer4j.importer.tfjs.OnnxGraph.intAttr;

import java.util.List;

/** Keras activation functions, both as layers (Activation, ReLU, LeakyReLU, ELU, Softmax) and fused into others. */
final class Activations {

    private Activations() {
    }

    /** An activation layer. */
    static KTensor layer(LayerCall call) {
        KTensor in = call.input();
        Config c = call.config();
        switch (call.layer().className()) {
            case "Activation" -> apply(call, c.string("activation"), in, call.out());
            case "ReLU" -> relu(call, in, c);
            case "LeakyReLU" -> call.graph().node("LeakyRelu", call.out(), List.of(in.name()),
                    floatAttr("alpha", c.number("alpha", c.number("negative_slope", 0.3))));
            case "ELU" -> call.graph().node("Elu", call.out(), List.of(in.name()), floatAttr("alpha", c.number("alpha", 1)));
            default -> call.graph().node("Softmax", call.out(), List.of(in.name()),
                    intAttr("axis", in.onnxAxis((int) c.number("axis", -1))));
        }
        return call.result(in.shape());
    }

    /**
     * The name the main node of a layer with a fused {@code activation} config writes: the layer's output name when
     * the activation is linear, else {@code <out>/<suffix>}.
     */
    static String preActivation(LayerCall call, String suffix) {
        return isLinear(call) ? call.out() : call.name(suffix);
    }

    /** Applies the layer's fused activation (if any) to {@code pre} and returns the layer's output tensor. */
    static KTensor finish(LayerCall call, String pre, long[] shape) {
        if (!isLinear(call)) {
            apply(call, call.config().string("activation"), new KTensor(pre, shape), call.out());
        }
        return call.result(shape);
    }

    private static boolean isLinear(LayerCall call) {
        return call.config().string("activation", "linear").equals("linear");
    }

    /**
     * Applies the named Keras activation to {@code in}, writing tensor {@code out}; a linear activation writes an
     * Identity so that the layer name still names a tensor.
     */
    static String apply(LayerCall call, String activation, KTensor in, String out) {
        OnnxGraph g = call.graph();
        List<String> x = List.of(in.name());
        String a = activation == null ? "linear" : activation;
        return switch (a) {
            case "linear" -> g.node("Identity", out, x);
            case "relu" -> g.node("Relu", out, x);
            case "relu6" -> clip(call, in.name(), out, 6);
            case "sigmoid" -> g.node("Sigmoid", out, x);
            case "tanh" -> g.node("Tanh", out, x);
            case "softmax" -> g.node("Softmax", out, x, intAttr("axis", in.onnxAxis(-1)));
            case "swish", "silu" -> g.node("Mul", out, List.of(in.name(), g.node("Sigmoid", out + "/sigmoid", x)));
            case "hard_swish", "hard_silu" -> g.node("HardSwish", out, x);
            case "hard_sigmoid" -> g.node("HardSigmoid", out, x, floatAttr("alpha", 0.2), floatAttr("beta", 0.5));
            case "elu" -> g.node("Elu", out, x);
            case "selu" -> g.node("Selu", out, x);
            case "softplus" -> g.node("Softplus", out, x);
            case "softsign" -> g.node("Softsign", out, x);
            case "exponential" -> g.node("Exp", out, x);
            default -> throw call.layer().unsupported("activation '" + a + "' is not supported");
        };
    }

    private static void relu(LayerCall call, KTensor in, Config c) {
        double slope = c.number("negative_slope", 0);
        double threshold = c.number("threshold", 0);
        if (threshold != 0 || slope != 0 && c.has("max_value")) {
            throw call.layer().unsupported("ReLU with threshold " + threshold + ", negative_slope " + slope
                    + " and max_value " + c.raw("max_value") + " (supported: a plain, capped or leaky ReLU)");
        }
        if (slope != 0) {
            call.graph().node("LeakyRelu", call.out(), List.of(in.name()), floatAttr("alpha", slope));
        } else if (c.has("max_value")) {
            clip(call, in.name(), call.out(), c.number("max_value", 0));
        } else {
            call.graph().node("Relu", call.out(), List.of(in.name()));
        }
    }

    private static String clip(LayerCall call, String in, String out, double max) {
        OnnxGraph g = call.graph();
        String lo = g.floats(out + "/clip_min", new float[] {0f});
        String hi = g.floats(out + "/clip_max", new float[] {(float) max});
        return g.node("Clip", out, List.of(in, lo, hi));
    }
}
