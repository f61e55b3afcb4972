package org.xfer4j.importer.tfjs;

import static org.xfer4j.importer.tfjs.OnnxGraph.ints;

import java.util.List;

/**
 * Dense layers: Gemm on [batch, features]; a 1x1 Conv on images (Keras applies Dense to the channel axis, which the
 * graph holds at axis 1); MatMul plus Add on sequences.
 */
final class Dense {

    private Dense() {
    }

    static KTensor apply(LayerCall call) {
        KTensor in = call.input();
        Weight k = call.weight("kernel");
        int units = k.dim(1);
        if (in.dim(-1) >= 0 && in.dim(-1) != k.dim(0)) {
            throw new TfjsFormatException(call.layer().describe() + ": kernel expects " + k.dim(0)
                    + " input features, the input has " + in.dim(-1));
        }
        boolean bias = call.config().bool("use_bias", true);
        String pre = Activations.preActivation(call, "dense");
        OnnxGraph g = call.graph();
        String kernel = call.initializerName("kernel");
        if (in.rank() == 2) {
            g.node("Gemm", pre, call.withBias(in.name(), g.floats(kernel, k.values(), k.dim(0), units), bias));
        } else if (in.channelsFirst()) {
            Weight hwio = new Weight(k.name(), new int[] {1, 1, k.dim(0), units}, k.values());
            g.node("Conv", pre, call.withBias(in.name(),
                    g.floats(kernel, Convolutions.toOihw(hwio), units, k.dim(0), 1, 1), bias), ints("kernel_shape", 1, 1));
        } else {
            String product = bias ? call.name("matmul") : pre;
            g.node("MatMul", product, List.of(in.name(), g.floats(kernel, k.values(), k.dim(0), units)));
            if (bias) {
                g.node("Add", pre, List.of(product, call.vector("bias")));
            }
        }
        long[] shape = in.shape();
        shape[shape.length - 1] = units;
        return Activations.finish(call, pre, shape);
    }
}
