package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;

/**
 * MaxPool (the output gradient scattered, with addition, to the arg-max indices the forward pass records) and
 * 2-d AveragePool (a ConvTranspose with a constant kernel, divided by the window sizes).
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
                return n.getOutputCount() > 1 ? n : n.toBuilder().addOutput(n.getName() + ".indices").build();
            }
        });
        r.put("AveragePool", PoolRules::averagePool);
    }

    private static void maxPool(RuleContext c) {
        Emitter e = c.e();
        String flat = e.ints(-1);
        String zeros = e.reshape(IndexRules.zerosLike(c, c.in(0)), flat);
        String scattered = e.op("ScatterElements", List.of(zeros, e.reshape(c.out(1), flat), e.reshape(c.dy(), flat)),
                Attributes.of("axis", 0L), Attributes.of("reduction", "add"));
        c.give(0, e.reshape(scattered, e.shape(c.in(0))));
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
        if (c.elem() != ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT_VALUE) {
            divisor = e.cast(divisor, c.elem());
        }
        String dy = e.div(e.reshape(c.dy(), e.ints(-1, 1, y[2], y[3])), divisor);
        float[] ones = new float[(int) (k[0] * k[1])];
        Arrays.fill(ones, 1f);
        String kernel = e.tensor(TensorProtos.floats("", new long[] {1, 1, k[0], k[1]}, ones));
        if (c.elem() != ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT_VALUE) {
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
