package org.xfer4j.importer.tfjs;

import static org.xfer4j.importer.tfjs.OnnxGraph.intAttr;
import static org.xfer4j.importer.tfjs.OnnxGraph.ints;

import java.util.List;

/**
 * Layers that move values without computing: Flatten and Reshape (which see Keras's channels-last order, so an
 * image is transposed back to NHWC first), ZeroPadding2D, and inference-time identities such as Dropout.
 */
final class Reshapes {

    private Reshapes() {
    }

    static KTensor identity(LayerCall call) {
        KTensor in = call.input();
        call.graph().node("Identity", call.out(), List.of(in.name()));
        return call.result(in.shape());
    }

    static KTensor flatten(LayerCall call) {
        KTensor in = call.input();
        call.graph().node("Flatten", call.out(), List.of(channelsLast(call, in)), intAttr("axis", 1));
        return call.result(in.dim(0), product(in.shape(), 1));
    }

    static KTensor reshape(LayerCall call) {
        KTensor in = call.input();
        int[] target = call.config().ints("target_shape", 0);
        long[] shape = new long[target.length + 1];
        long[] onnx = new long[shape.length];
        shape[0] = in.dim(0);
        long known = 1;
        int unknownAt = -1;
        for (int i = 0; i < target.length; i++) {
            shape[i + 1] = target[i];
            onnx[i + 1] = target[i];
            if (target[i] < 0) {
                unknownAt = i + 1;
            } else {
                known *= target[i];
            }
        }
        long total = product(in.shape(), 1);
        if (unknownAt > 0 && total >= 0) {
            shape[unknownAt] = total / known;
        }
        boolean image = shape.length == 4;
        String out = image ? call.name("nhwc") : call.out();
        OnnxGraph g = call.graph();
        g.node("Reshape", out, List.of(channelsLast(call, in), g.longs(call.initializerName("shape"), onnx)));
        if (image) {
            g.node("Transpose", call.out(), List.of(out), ints("perm", 0, 3, 1, 2));
        }
        return call.result(shape);
    }

    static KTensor zeroPadding(LayerCall call) {
        KTensor in = call.imageInput();
        Object raw = call.config().raw("padding");
        long[] p = new long[4]; // top, bottom, left, right
        if (raw instanceof Double d) {
            java.util.Arrays.fill(p, d.longValue());
        } else if (raw instanceof List<?> l && l.size() == 2 && l.getFirst() instanceof Double) {
            int[] hw = call.config().ints("padding", 2);
            p = new long[] {hw[0], hw[0], hw[1], hw[1]};
        } else if (raw instanceof List<?> l && l.size() == 2) {
            int[] tb = Config.of(call.layer().describe(), java.util.Map.of("v", l.get(0))).ints("v", 2);
            int[] lr = Config.of(call.layer().describe(), java.util.Map.of("v", l.get(1))).ints("v", 2);
            p = new long[] {tb[0], tb[1], lr[0], lr[1]};
        } else {
            throw new TfjsFormatException(call.layer().describe() + ": padding must be n, [h, w] or [[t, b], [l, r]], got "
                    + Config.describe(raw));
        }
        OnnxGraph g = call.graph();
        g.node("Pad", call.out(), List.of(in.name(), g.longs(call.initializerName("pads"), 0, 0, p[0], p[2], 0, 0, p[1], p[3])),
                OnnxGraph.stringAttr("mode", "constant"));
        return call.result(in.dim(0), grow(in.dim(1), p[0] + p[1]), grow(in.dim(2), p[2] + p[3]), in.dim(3));
    }

    /** The name of {@code in} in Keras's axis order: images get a Transpose to NHWC. */
    private static String channelsLast(LayerCall call, KTensor in) {
        return in.channelsFirst()
                ? call.graph().node("Transpose", call.name("nhwc_in"), List.of(in.name()), ints("perm", 0, 2, 3, 1))
                : in.name();
    }

    private static long product(long[] shape, int from) {
        long n = 1;
        for (int i = from; i < shape.length; i++) {
            if (shape[i] < 0) {
                return -1;
            }
            n *= shape[i];
        }
        return n;
    }

    private static long grow(long dim, long by) {
        return dim < 0 ? -1 : dim + by;
    }
}
