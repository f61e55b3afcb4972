package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;

/**
 * MaxPool, 2-d AveragePool (a ConvTranspose with a constant kernel, divided by the window sizes) and the
 * nearest-neighbour upsampling Resize that max pooling's rule emits (its gradient sums each block). Max pooling over
 * windows that tile the map (kernel = strides, no pads or dilations: the CNNs' 2x2 pooling) compares each window with
 * its maximum, so the forward pass stays ONNX Runtime's plain MaxPool, which is 5-10x faster than the variant that
 * records arg-max indices; other windows scatter the output gradient, with addition, to the recorded indices.
 */
final class PoolRules {

    private PoolRules() {
    }

    static void register(Map<String, GradientRule> r) {
        r.put("MaxPool", new GradientRule() {
            @Override
            public void backward(RuleContext c) {
                maxPool(c);
            }

            @Override
            public NodeProto prepare(NodeProto n) {
                return n.getOutputCount() > 1 || tiles(n) ? n
                        : n.toBuilder().addOutput(n.getName() + ".indices").build();
            }
        });
        r.put("AveragePool", PoolRules::averagePool);
        r.put("Resize", PoolRules::resize);
    }

    /** Whether a 2-d MaxPool's windows tile its input: kernel = strides, no pads, no dilations, floor mode. */
    static boolean tiles(NodeProto n) {
        long[] k = Attributes.getInts(n, "kernel_shape");
        long[] s = Attributes.getInts(n, "strides");
        long[] p = Attributes.getInts(n, "pads");
        long[] d = Attributes.getInts(n, "dilations");
        String auto = Attributes.getString(n, "auto_pad", "NOTSET");
        return k != null && k.length == 2 && Arrays.equals(k, s)
                && (p == null || Arrays.stream(p).allMatch(v -> v == 0))
                && (d == null || Arrays.stream(d).allMatch(v -> v == 1))
                && Attributes.getInt(n, "ceil_mode", 0) == 0 && (auto.equals("NOTSET") || auto.equals("VALID"));
    }

    private static void maxPool(RuleContext c) {
        if (tiles(c.node()) && c.node().getOutputCount() == 1) {
            tiledMaxPool(c);
            return;
        }
        Emitter e = c.e();
        String flat = e.ints(-1);
        String zeros = e.reshape(IndexRules.zerosLike(c, c.in(0)), flat);
        String scattered = e.op("ScatterElements", List.of(zeros, e.reshape(c.out(1), flat), e.reshape(c.dy(), flat)),
                Attributes.of("axis", 0L), Attributes.of("reduction", "add"));
        c.give(0, e.reshape(scattered, e.shape(c.in(0))));
    }

    /**
     * Windows that tile the map: each input is compared with its window's maximum, upsampled (nearest) to the map,
     * and the window's output gradient, upsampled the same way, goes where they are equal; a tie splits it (a
     * subgradient, as the arg-max's is). Rows and columns the floor division leaves out get none. The comparison and
     * the tie counts do not depend on differentiated values, so the rule's own gradient is the same few operators.
     * Measured against the scatter (ConvGradientBench, forward and backward together): 1.5-2x faster at the CNN's
     * shapes, where 6-d broadcasting views of the windows were 2-5x slower than the scatter.
     */
    private static void tiledMaxPool(RuleContext c) {
        long[] x = c.shape(c.in(0));
        long[] y = c.shape(c.out(0));
        long[] k = c.ints("kernel_shape");
        if (x.length != 4) {
            throw c.unsupported("only 2-d MaxPool (NCHW) has a rule");
        }
        Emitter e = c.e();
        long h = y[2] * k[0];
        long w = y[3] * k[1];
        boolean cropped = h != x[2] || w != x[3];
        String in = cropped ? e.op("Slice", List.of(c.in(0), e.ints(0, 0), e.ints(h, w), e.ints(2, 3))) : c.in(0);
        String maxima = e.cast(e.op("Equal", in, upsample(c, c.out(0), k)), c.elem());
        String perMaximum = e.div(c.dy(), blockSums(c, maxima, k, y));
        String dx = e.mul(maxima, upsample(c, perMaximum, k));
        if (cropped) {
            dx = e.op("Pad", List.of(dx, e.ints(0, 0, 0, 0, 0, 0, x[2] - h, x[3] - w)));
        }
        c.give(0, dx);
    }

    /**
     * {@code t}, shaped as the node's output [N, C, H, W], with each element repeated over a {@code k} block: a
     * nearest-neighbour Resize by whole factors in float32; in other types, which ONNX Runtime's Resize lacks, an
     * Expand of a 6-d view.
     */
    private static String upsample(RuleContext c, String t, long[] k) {
        Emitter e = c.e();
        if (c.elem() == TensorProto.DataType.FLOAT_VALUE) {
            String scales = e.tensor(TensorProtos.floats("", new long[] {4}, new float[] {1, 1, k[0], k[1]}));
            return e.op("Resize", List.of(t, "", scales), Attributes.of("mode", "nearest"),
                    Attributes.of("coordinate_transformation_mode", "asymmetric"),
                    Attributes.of("nearest_mode", "floor"));
        }
        long[] s = c.shape(c.out(0));
        String blocks = e.op("Expand", e.reshape(t, e.ints(0, 0, s[2], 1, s[3], 1)), e.ints(1, 1, 1, k[0], 1, k[1]));
        return e.reshape(blocks, e.ints(0, 0, s[2] * k[0], s[3] * k[1]));
    }

    /**
     * The sums of {@code t}'s {@code k} blocks, shaped {@code sums}: an average pool times the block size in float32;
     * in other types, which ONNX Runtime's AveragePool lacks, a ReduceSum over a 6-d view.
     */
    private static String blockSums(RuleContext c, String t, long[] k, long[] sums) {
        Emitter e = c.e();
        if (c.elem() == TensorProto.DataType.FLOAT_VALUE) {
            return e.mul(e.op("AveragePool", t, Attributes.of("kernel_shape", k), Attributes.of("strides", k)),
                    c.scalar(k[0] * k[1]));
        }
        return e.reduceSum(e.reshape(t, e.ints(0, 0, sums[2], k[0], sums[3], k[1])), false, 3, 5);
    }

    /**
     * Resize as {@link #upsample} emits it (nearest, whole scale factors, constant scales): each input element was
     * repeated over a block, so its gradient is the block's sum, an average pool times the block size.
     */
    private static void resize(RuleContext c) {
        long[] x = c.shape(c.in(0));
        long[] y = c.shape(c.out(0));
        boolean nearest = Attributes.getString(c.node(), "mode", "nearest").equals("nearest")
                && Attributes.getString(c.node(), "coordinate_transformation_mode", "half_pixel").equals("asymmetric")
                && Attributes.getString(c.node(), "nearest_mode", "round_prefer_floor").equals("floor");
        if (!nearest || x.length != 4 || x[0] != y[0] || x[1] != y[1] || y[2] % x[2] != 0 || y[3] % x[3] != 0) {
            throw c.unsupported("only nearest-neighbour Resize of the two trailing axes by whole factors "
                    + "(asymmetric coordinates, floor) is differentiable");
        }
        c.give(0, blockSums(c, c.dy(), new long[] {y[2] / x[2], y[3] / x[3]}, x));
    }

    private static void averagePool(RuleContext c) {
        long[] x = c.shape(c.in(0));
        long[] y = c.shape(c.out(0));
        if (x.length != 4) {
            throw c.unsupported("only 2-d AveragePool (NCHW) has a rule");
        }
        if (!Attributes.getString(c.node(), "auto_pad", "NOTSET").equals("NOTSET")) {
            throw c.unsupported("auto_pad; give explicit pads");
        }
        long[] k = c.ints("kernel_shape");
        long[] s = c.ints("strides") == null ? new long[] {1, 1} : c.ints("strides");
        long[] p = c.ints("pads") == null ? new long[4] : c.ints("pads");
        boolean includePad = c.attr("count_include_pad", 0L) == 1;
        Emitter e = c.e();
        float[] counts = counts(x, y, k, s, p, includePad);
        String divisor = e.tensor(TensorProtos.floats("", new long[] {1, 1, y[2], y[3]}, counts));
        if (c.elem() != TensorProto.DataType.FLOAT_VALUE) {
            divisor = e.cast(divisor, c.elem());
        }
        String dy = e.div(e.reshape(c.dy(), e.ints(-1, 1, y[2], y[3])), divisor);
        float[] ones = new float[(int) (k[0] * k[1])];
        Arrays.fill(ones, 1f);
        String kernel = e.tensor(TensorProtos.floats("", new long[] {1, 1, k[0], k[1]}, ones));
        if (c.elem() != TensorProto.DataType.FLOAT_VALUE) {
            kernel = e.cast(kernel, c.elem());
        }
        long[] outputPadding = new long[2];
        for (int d = 0; d < 2; d++) {
            outputPadding[d] = x[d + 2] - (s[d] * (y[d + 2] - 1) + k[d] - p[d] - p[d + 2]);
            if (outputPadding[d] < 0) {
                throw c.unsupported("ceil_mode windows that extend past the padded input");
            }
        }
        String dx = e.op("ConvTranspose", List.of(dy, kernel), Attributes.of("strides", s), Attributes.of("pads", p),
                Attributes.of("output_padding", outputPadding));
        c.give(0, e.reshape(dx, e.shape(c.in(0))));
    }

    /** How many elements each output window averages. */
    private static float[] counts(long[] x, long[] y, long[] k, long[] s, long[] p, boolean includePad) {
        float[] counts = new float[(int) (y[2] * y[3])];
        for (int i = 0; i < y[2]; i++) {
            for (int j = 0; j < y[3]; j++) {
                long h0 = i * s[0] - p[0];
                long w0 = j * s[1] - p[1];
                long h = includePad ? Math.min(h0 + k[0], x[2] + p[2]) - h0
                        : Math.min(h0 + k[0], x[2]) - Math.max(h0, 0);
                long w = includePad ? Math.min(w0 + k[1], x[3] + p[3]) - w0
                        : Math.min(w0 + k[1], x[3]) - Math.max(w0, 0);
                counts[(int) (i * y[3] + j)] = h * w;
            }
        }
        return counts;
    }
}
