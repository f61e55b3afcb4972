package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Predicate;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.LayerInfo;

/** Draws fresh parameter values, seeded, with fan-in and fan-out read from the layer's operator. */
final class ParameterInit {

    private ParameterInit() {
    }

    static float[] draw(Init init, long[] shape, long fanIn, long fanOut, Random rng) {
        float[] v = new float[Math.toIntExact(Tensor.elementCount(shape))];
        if (init == Init.XAVIER) {
            double a = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((rng.nextDouble() * 2 - 1) * a);
            }
        } else {
            double sd = Math.sqrt(2.0 / fanIn);
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (rng.nextGaussian() * sd);
            }
        }
        return v;
    }

    static OnnxGraph reinitialise(OnnxGraph graph, Predicate<LayerInfo> layers, Init init, long seed) {
        Random rng = new Random(seed);
        OnnxGraph g = graph;
        for (LayerInfo l : graph.layers()) {
            if (!layers.test(l)) {
                continue;
            }
            NodeProto node = graph.node(l.name());
            for (String p : l.parameters()) {
                TensorProto old = graph.initialiser(p);
                long[] shape = TensorProtos.shape(old);
                g = g.withParameter(p, Tensor.ofFloats(fresh(node, p, shape, init, rng), shape));
            }
        }
        return g;
    }

    private static float[] fresh(NodeProto node, String param, long[] shape, Init init, Random rng) {
        int size = Math.toIntExact(Tensor.elementCount(shape));
        if (node.getOpType().equals("BatchNormalization")) {
            float[] v = new float[size];
            boolean one = param.equals(node.getInput(1)) || param.equals(node.getInput(4));
            Arrays.fill(v, one ? 1f : 0f);
            return v;
        }
        if (shape.length < 2) {
            return new float[size];
        }
        long receptive = 1;
        for (int i = 2; i < shape.length; i++) {
            receptive *= shape[i];
        }
        long fanIn;
        long fanOut;
        boolean outFirst = node.getOpType().startsWith("Conv")
                || (node.getOpType().equals("Gemm") && Attributes.getInt(node, "transB", 0) == 1
                && param.equals(node.getInput(1)));
        if (outFirst) {
            long groups = Attributes.getInt(node, "group", 1);
            fanIn = shape[1] * receptive;
            fanOut = shape[0] * receptive / groups;
        } else {
            fanIn = shape[0] * receptive;
            fanOut = shape[1] * receptive;
        }
        return draw(init, shape, fanIn, fanOut, rng);
    }
}
