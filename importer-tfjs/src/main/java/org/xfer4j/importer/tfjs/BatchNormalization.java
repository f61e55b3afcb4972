package org.xfer4j.importer.tfjs;

import static org.xfer4j.importer.tfjs.OnnxGraph.floatAttr;

import java.util.Arrays;
import java.util.List;

/**
 * Inference-mode batch normalisation. Where the normalised axis is the graph's axis 1 (images, feature vectors) it
 * is an ONNX BatchNormalization node, which runtimes fold into the preceding Conv; elsewhere the statistics are
 * folded into one scale and one shift, broadcast along that axis.
 */
final class BatchNormalization {

    private BatchNormalization() {
    }

    static KTensor apply(LayerCall call) {
        KTensor in = call.input();
        Config c = call.config();
        Object rawAxis = c.raw("axis");
        int kerasAxis = rawAxis instanceof List<?> l && l.size() == 1 && l.getFirst() instanceof Double d
                ? d.intValue() : (int) c.number("axis", -1);
        int axis = in.onnxAxis(kerasAxis);
        Weight mean = call.weight("moving_mean");
        Weight variance = call.weight("moving_variance");
        int n = mean.values().length;
        float[] gamma = c.bool("scale", true) ? call.weight("gamma").values() : filled(n, 1f);
        float[] beta = c.bool("center", true) ? call.weight("beta").values() : filled(n, 0f);
        double epsilon = c.number("epsilon", 1e-3);
        OnnxGraph g = call.graph();
        if (axis == 1) {
            g.node("BatchNormalization", call.out(), List.of(in.name(),
                    g.floats(call.initializerName("gamma"), gamma, n), g.floats(call.initializerName("beta"), beta, n),
                    g.floats(call.initializerName("moving_mean"), mean.values(), n),
                    g.floats(call.initializerName("moving_variance"), variance.values(), n)),
                    floatAttr("epsilon", epsilon));
        } else {
            float[] scale = new float[n];
            float[] shift = new float[n];
            for (int i = 0; i < n; i++) {
                double s = gamma[i] / Math.sqrt(variance.values()[i] + epsilon);
                scale[i] = (float) s;
                shift[i] = (float) (beta[i] - mean.values()[i] * s);
            }
            long[] dims = new long[in.rank() - axis];
            Arrays.fill(dims, 1);
            dims[0] = n;
            String scaled = g.node("Mul", call.name("scaled"), List.of(in.name(),
                    g.floats(call.initializerName("scale"), scale, dims)));
            g.node("Add", call.out(), List.of(scaled, g.floats(call.initializerName("shift"), shift, dims)));
        }
        return call.result(in.shape());
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }
}
