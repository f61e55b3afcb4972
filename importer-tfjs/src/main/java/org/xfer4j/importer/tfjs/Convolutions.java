package org.xfer4j.importer.tfjs;

import static org.xfer4j.importer.tfjs.OnnxGraph.intAttr;
import static org.xfer4j.importer.tfjs.OnnxGraph.ints;

import java.util.List;

/**
 * Conv2D, DepthwiseConv2D and SeparableConv2D as ONNX Conv nodes on NCHW tensors; Keras kernels (height, width,
 * in, out) are transposed to ONNX's (out, in, height, width) once, at import, so activations are never transposed.
 */
final class Convolutions {

    private Convolutions() {
    }

    static KTensor conv2d(LayerCall call) {
        KTensor in = call.imageInput();
        Config c = call.config();
        int groups = (int) c.number("groups", 1);
        Weight k = call.weight("kernel");
        int filters = k.dim(3);
        String pre = Activations.preActivation(call, "conv");
        Window w = conv(call, in, pre, call.initializerName("kernel"), k, groups, c.bool("use_bias", true));
        return Activations.finish(call, pre, new long[] {in.dim(0), w.outHeight(), w.outWidth(), filters});
    }

    static KTensor depthwise(LayerCall call) {
        KTensor in = call.imageInput();
        Config c = call.config();
        Weight k = call.weight("depthwise_kernel");
        int channels = k.dim(2) * k.dim(3);
        String pre = Activations.preActivation(call, "depthwise");
        Window w = conv(call, in, pre, call.initializerName("depthwise_kernel"), asGrouped(k), k.dim(2),
                c.bool("use_bias", true));
        return Activations.finish(call, pre, new long[] {in.dim(0), w.outHeight(), w.outWidth(), channels});
    }

    static KTensor separable(LayerCall call) {
        KTensor in = call.imageInput();
        Config c = call.config();
        Weight dk = call.weight("depthwise_kernel");
        Window w = conv(call, in, call.name("depthwise"), call.initializerName("depthwise_kernel"), asGrouped(dk),
                dk.dim(2), false);
        Weight pk = call.weight("pointwise_kernel");
        long[] mid = {in.dim(0), w.outHeight(), w.outWidth(), (long) dk.dim(2) * dk.dim(3)};
        String pre = Activations.preActivation(call, "pointwise");
        call.graph().node("Conv", pre, call.withBias(call.name("depthwise"), call.graph().floats(
                call.initializerName("pointwise_kernel"), toOihw(pk), pk.dim(3), pk.dim(2), 1, 1),
                c.bool("use_bias", true)), ints("kernel_shape", 1, 1));
        return Activations.finish(call, pre, new long[] {mid[0], mid[1], mid[2], pk.dim(3)});
    }

    /** Adds a Conv node writing {@code out} with kernel {@code k} (Keras HWIO layout) and returns its window. */
    private static Window conv(LayerCall call, KTensor in, String out, String kernelName, Weight k, int groups,
            boolean bias) {
        Config c = call.config();
        int[] kernel = {k.dim(0), k.dim(1)};
        int[] strides = c.ints("strides", 2);
        int[] dilation = c.has("dilation_rate") ? c.ints("dilation_rate", 2) : new int[] {1, 1};
        if (in.dim(3) >= 0 && in.dim(3) != (long) k.dim(2) * groups) {
            throw new TfjsFormatException(call.layer().describe() + ": kernel expects " + k.dim(2) * groups
                    + " input channels, the input has " + in.dim(3));
        }
        Window w = Window.of(call, in.dim(1), in.dim(2), kernel, strides, dilation);
        List<String> inputs = call.withBias(in.name(),
                call.graph().floats(kernelName, toOihw(k), k.dim(3), k.dim(2), k.dim(0), k.dim(1)), bias);
        call.graph().node("Conv", out, inputs, ints("kernel_shape", kernel[0], kernel[1]),
                ints("strides", strides[0], strides[1]), ints("dilations", dilation[0], dilation[1]),
                intAttr("group", groups), w.padding());
        return w;
    }

    /**
     * A depthwise kernel (height, width, channels, multiplier) seen as a grouped one (height, width, 1,
     * channels * multiplier): output channel c * multiplier + m reads input channel c, the order Keras uses.
     */
    private static Weight asGrouped(Weight k) {
        return new Weight(k.name(), new int[] {k.dim(0), k.dim(1), 1, k.dim(2) * k.dim(3)}, k.values());
    }

    /** Transposes a (height, width, in, out) kernel to (out, in, height, width). */
    static float[] toOihw(Weight k) {
        int kh = k.dim(0);
        int kw = k.dim(1);
        int ci = k.dim(2);
        int co = k.dim(3);
        float[] src = k.values();
        float[] dst = new float[src.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < ci; i++) {
                    int from = ((y * kw + x) * ci + i) * co;
                    for (int o = 0; o < co; o++) {
                        dst[((o * ci + i) * kh + y) * kw + x] = src[from + o];
                    }
                }
            }
        }
        return dst;
    }
}
