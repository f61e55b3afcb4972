package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;

/**
 * 2-d Conv and ConvTranspose with strides, explicit or automatic (asymmetric) pads, dilations and groups, depthwise included. The
 * formulations follow the costs measured in ONNX Runtime (RESOURCES.md, ConvGradientBench): the input gradient of a
 * stride-1 grouped or 1x1 conv is a conv with the flipped, regrouped kernel (forward cost) where its output is no
 * larger than the conv's, otherwise a ConvTranspose; the weight gradient of a 1x1
 * conv is one batched MatMul summed over the batch, of a plain unit-stride conv the input unfolded by an
 * identity-kernel Conv times dy in one batched MatMul, otherwise a grouped conv with the batch as channels. No rule
 * writes a batch size into the graph: the weight-gradient conv's kernel has the batch as a dimension, and its own
 * rules (second order) must hold for any batch.
 */
final class ConvRules {

    private ConvRules() {
    }

    /** Strides, dilations, kernel and explicit pads (begin h, begin w, end h, end w) of one Conv node. */
    private record Geometry(long[] strides, long[] dilations, long[] kernel, long[] pads, long groups) {
        boolean unitStrides() {
            return strides[0] == 1 && strides[1] == 1;
        }

        boolean pointwise() {
            return kernel[0] == 1 && kernel[1] == 1 && unitStrides() && groups == 1
                    && java.util.Arrays.stream(pads).allMatch(p -> p == 0);
        }
    }

    static void register(Map<String, GradientRule> r) {
        r.put("Conv", ConvRules::conv);
        r.put("ConvTranspose", ConvRules::convTranspose);
    }

    private static void conv(RuleContext c) {
        if (c.rank(c.in(0)) != 4) {
            throw c.unsupported("only 2-d convolutions (NCHW inputs) have a rule, got rank " + c.rank(c.in(0)));
        }
        Geometry g = geometry(c);
        if (c.needs(0)) {
            c.give(0, inputGradient(c, g));
        }
        if (c.needs(1)) {
            c.give(1, weightGradient(c, c.in(0), c.shape(c.in(0)), c.dy(), c.shape(c.out(0)), g));
        }
        if (c.needs(2)) {
            c.give(2, c.e().reduceSum(c.dy(), false, 0, 2, 3));
        }
    }

    /**
     * ConvTranspose (explicit pads) is the adjoint of the Conv with its kernel and geometry, Y = Conv_W^T(X): so
     * dX = Conv_W(dY), and dW is that Conv's weight gradient with dY as its input and X as its output gradient. The
     * conv rules emit it for strided input gradients; this rule makes those differentiable again.
     */
    private static void convTranspose(RuleContext c) {
        if (c.rank(c.in(0)) != 4) {
            throw c.unsupported("only 2-d transposed convolutions (NCHW inputs) have a rule");
        }
        if (!Attributes.getString(c.node(), "auto_pad", "NOTSET").equals("NOTSET")
                || c.ints("output_shape") != null) {
            throw c.unsupported("auto_pad or output_shape; give explicit pads and output_padding");
        }
        Geometry g = geometry(c);
        Emitter e = c.e();
        if (c.needs(0)) {
            c.give(0, e.op("Conv", List.of(c.dy(), c.in(1)), Attributes.of("strides", g.strides()),
                    Attributes.of("pads", g.pads()), Attributes.of("dilations", g.dilations()),
                    Attributes.of("group", g.groups())));
        }
        if (c.needs(1)) {
            c.give(1, weightGradient(c, c.dy(), c.shape(c.out(0)), c.in(0), c.shape(c.in(0)), g));
        }
        if (c.needs(2)) {
            c.give(2, e.reduceSum(c.dy(), false, 0, 2, 3));
        }
    }

    /**
     * The gradient of the kernel (input 1) of a conv with this geometry, reading {@code x} (of shape {@code xShape})
     * and output gradient {@code dy} (of shape {@code yShape}).
     */
    private static String weightGradient(RuleContext c, String x, long[] xShape, String dy, long[] yShape,
            Geometry g) {
        if (g.pointwise()) {
            return pointwiseWeightGradient(c.e(), x, dy);
        }
        long[] w = c.shape(c.in(1));
        // unfolded: 25-35 % faster than the batch-as-channels Conv at unit strides on maps larger than the kernel
        // (the CNN's 28, 14 and 7 pixel maps, ConvGradientBench), level on a 3x3 map, not measured strided
        boolean unfold = g.groups() == 1 && g.unitStrides() && g.dilations()[0] == 1 && g.dilations()[1] == 1
                && yShape[2] * yShape[3] > w[2] * w[3];
        return unfold ? unfoldedWeightGradient(c, x, xShape, dy, yShape, w, g)
                : weightGradient(c.e(), x, xShape, dy, w, g);
    }

    /**
     * dW as one GEMM per example, summed over the batch: the input unfolded to its windows [N, Ci*kh*kw, Ho*Wo]
     * times dy^T [N, Ho*Wo, Co]. A Conv with a constant identity kernel [kh*kw, 1, kh, kw] over each input channel
     * alone does the unfolding in one node. The batch-as-channels Conv runs the same products as GEMMs whose output
     * is the kh*kw kernel positions wide (9 columns), which MLAS runs at a fraction of its rate; here they are
     * Ci*kh*kw by Co. Every node has a rule (the identity Conv's input gradient is a ConvTranspose by the same
     * constant kernel), so second order differentiates it again.
     */
    private static String unfoldedWeightGradient(RuleContext c, String input, long[] x, String outputGradient,
            long[] y, long[] w, Geometry g) {
        Emitter e = c.e();
        int taps = (int) (w[2] * w[3]);
        float[] identity = new float[taps * taps];
        for (int k = 0; k < taps; k++) {
            identity[k * taps + k] = 1;
        }
        String kernel = e.tensor(TensorProtos.floats("", new long[] {taps, 1, w[2], w[3]}, identity));
        if (c.elem() != TensorProto.DataType.FLOAT_VALUE) {
            kernel = e.cast(kernel, c.elem());
        }
        String windows = e.op("Conv", List.of(e.reshape(input, e.ints(-1, 1, x[2], x[3])), kernel),
                Attributes.of("pads", g.pads()));
        String unfolded = e.reshape(windows, e.ints(-1, w[1] * taps, y[2] * y[3]));
        String dyT = e.transpose(e.reshape(outputGradient, e.ints(0, 0, -1)), 0, 2, 1);
        String summed = e.reduceSum(e.op("MatMul", unfolded, dyT), false, 0);
        return e.reshape(e.transpose(summed, 1, 0), e.ints(w[0], w[1], w[2], w[3]));
    }

    private static Geometry geometry(RuleContext c) {
        long[] w = c.shape(c.in(1));
        long[] x = c.shape(c.in(0));
        long[] kernel = {w[2], w[3]};
        long[] strides = orDefault(c.ints("strides"), 1);
        long[] dilations = orDefault(c.ints("dilations"), 1);
        String auto = Attributes.getString(c.node(), "auto_pad", "NOTSET");
        long[] pads = c.ints("pads") == null ? new long[4] : c.ints("pads");
        if (auto.startsWith("SAME")) {
            for (int k = 0; k < 2; k++) {
                long out = (x[k + 2] + strides[k] - 1) / strides[k];
                long total = Math.max(0, (out - 1) * strides[k] + dilations[k] * (kernel[k] - 1) + 1 - x[k + 2]);
                long small = total / 2;
                pads[k] = auto.equals("SAME_UPPER") ? small : total - small;
                pads[k + 2] = total - pads[k];
            }
        } else if (auto.equals("VALID")) {
            pads = new long[4];
        }
        return new Geometry(strides, dilations, kernel, pads, c.attr("group", 1L));
    }

    private static long[] orDefault(long[] v, long fallback) {
        return v != null ? v : new long[] {fallback, fallback};
    }

    private static String inputGradient(RuleContext c, Geometry g) {
        Emitter e = c.e();
        long[] x = c.shape(c.in(0));
        long[] y = c.shape(c.out(0));
        long[] back = new long[4];
        boolean flippedConv = g.unitStrides();
        for (int k = 0; k < 2; k++) {
            back[k] = g.dilations()[k] * (g.kernel()[k] - 1) - g.pads()[k];
            back[k + 2] = g.dilations()[k] * (g.kernel()[k] - 1) - g.pads()[k + 2];
            flippedConv &= back[k] >= 0 && back[k + 2] >= 0;
        }
        if (g.groups() == 1) {
            // a flipped-kernel conv runs over the padded output gradient, a ConvTranspose over the output gradient:
            // where dX is larger than dY (the weight-gradient conv second order differentiates: its kernel is an
            // activation map, its output 3x3) the flipped conv does (X area / Y area) times the work, 20-170x here;
            // with 3x3 kernels it measured level with the ConvTranspose at best (and 2-5x slower with one input
            // channel or on 3x3 maps: ConvGradientBench), so a plain conv keeps it for 1x1 kernels only
            flippedConv &= x[2] * x[3] <= y[2] * y[3] && g.kernel()[0] == 1 && g.kernel()[1] == 1;
        }
        if (flippedConv) {
            String w = e.op("Slice", List.of(regrouped(c, g), e.ints(-1, -1), e.ints(Long.MIN_VALUE, Long.MIN_VALUE),
                    e.ints(2, 3), e.ints(-1, -1)));
            return e.op("Conv", List.of(c.dy(), w), Attributes.of("pads", back),
                    Attributes.of("dilations", g.dilations()), Attributes.of("group", g.groups()));
        }
        long[] outputPadding = new long[2];
        for (int k = 0; k < 2; k++) {
            outputPadding[k] = x[k + 2] - (g.strides()[k] * (y[k + 2] - 1) + g.dilations()[k] * (g.kernel()[k] - 1)
                    + 1 - g.pads()[k] - g.pads()[k + 2]);
        }
        return e.op("ConvTranspose", List.of(c.dy(), c.in(1)), Attributes.of("strides", g.strides()),
                Attributes.of("pads", g.pads()), Attributes.of("dilations", g.dilations()),
                Attributes.of("group", g.groups()), Attributes.of("output_padding", outputPadding));
    }

    /** W [Cout, Cin/g, kh, kw] as the kernel of the transposed conv: [Cin, Cout/g, kh, kw]. */
    private static String regrouped(RuleContext c, Geometry g) {
        long[] w = c.shape(c.in(1));
        long cog = w[0] / g.groups();
        long cig = w[1];
        Emitter e = c.e();
        if (g.groups() == 1) {
            return e.transpose(c.in(1), 1, 0, 2, 3);
        }
        if (cig == 1 && cog == 1) {
            return c.in(1);
        }
        String five = e.reshape(c.in(1), e.ints(g.groups(), cog, -1, w[2], w[3]));
        return e.reshape(e.transpose(five, 0, 2, 1, 3, 4), e.ints(-1, cog, w[2], w[3]));
    }

    private static String pointwiseWeightGradient(Emitter e, String input, String outputGradient) {
        String x = e.reshape(input, e.ints(0, 0, -1));
        String dy = e.reshape(outputGradient, e.ints(0, 0, -1));
        String perExample = e.op("MatMul", dy, e.transpose(x, 0, 2, 1));
        return e.op("Unsqueeze", e.reduceSum(perExample, false, 0), e.ints(2, 3));
    }

    private static String weightGradient(Emitter e, String input, long[] x, String outputGradient, long[] w,
            Geometry g) {
        String xt = g.groups() == 1 ? e.transpose(input, 1, 0, 2, 3) : e.reshape(e.transpose(
                e.reshape(input, e.ints(0, g.groups(), -1, x[2], x[3])), 2, 1, 0, 3, 4), e.ints(0, -1, x[2], x[3]));
        String dyt = e.transpose(outputGradient, 1, 0, 2, 3);
        String full = e.op("Conv", List.of(xt, dyt), Attributes.of("strides", g.dilations()),
                Attributes.of("dilations", g.strides()), Attributes.of("pads", g.pads()),
                Attributes.of("group", g.groups()));
        String dw = e.transpose(full, 1, 0, 2, 3);
        return e.op("Slice", List.of(dw, e.ints(0, 0), e.ints(w[2], w[3]), e.ints(2, 3)));
    }
}
