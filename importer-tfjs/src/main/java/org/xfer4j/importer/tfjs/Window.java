package org.xfer4j.importer.tfjs;

import static org.xfer4j.importer.tfjs.OnnxGraph.ints;
import static org.xfer4j.importer.tfjs.OnnxGraph.stringAttr;

import ai.onnx.proto.OnnxMl.AttributeProto;

/**
 * The padding and output size of a 2-D sliding window (convolution or pooling) with Keras {@code valid} or
 * {@code same} padding. TF's "same" pads {@code total = max((out - 1) * stride + extent - in, 0)} with the smaller
 * half first; where the input size is unknown ONNX's SAME_UPPER computes the same at run time.
 */
record Window(long[] pads, long outHeight, long outWidth) {

    static Window of(LayerCall call, long height, long width, int[] kernel, int[] strides, int[] dilation) {
        String padding = call.config().string("padding", "valid");
        long[] pads = new long[4];
        long[] out = new long[2];
        long[] in = {height, width};
        for (int i = 0; i < 2; i++) {
            long extent = (long) (kernel[i] - 1) * dilation[i] + 1;
            if (in[i] < 0) {
                out[i] = -1;
                continue;
            }
            switch (padding) {
                case "valid" -> out[i] = in[i] < extent ? 0 : (in[i] - extent) / strides[i] + 1;
                case "same" -> {
                    out[i] = (in[i] + strides[i] - 1) / strides[i];
                    long total = Math.max((out[i] - 1) * strides[i] + extent - in[i], 0);
                    pads[i] = total / 2;
                    pads[i + 2] = total - total / 2;
                }
                default -> throw call.layer().unsupported("padding '" + padding + "' (only valid and same)");
            }
            if (out[i] <= 0) {
                throw new TfjsFormatException(call.layer().describe() + ": a " + kernel[0] + "x" + kernel[1]
                        + " window does not fit an input of " + height + "x" + width);
            }
        }
        boolean dynamicSame = padding.equals("same") && (height < 0 || width < 0);
        return new Window(dynamicSame ? null : pads, out[0], out[1]);
    }

    /** The ONNX padding attribute: explicit pads, or SAME_UPPER where the input size is only known at run time. */
    AttributeProto padding() {
        return pads == null ? stringAttr("auto_pad", "SAME_UPPER") : ints("pads", pads);
    }
}
