package org.xfer4j.runtime.onnx.feature;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the operators that make one example's result depend on the rest of its batch. Dynamic quantisation
 * (int8 model packs) derives one scale and zero point from the minimum and maximum of a whole activation tensor,
 * so the same sentence gets different features beside different neighbours; such graphs are run one example at a
 * time.
 */
final class BatchCoupling {

    /** Operators computing statistics over the whole tensor, batch axis included (ONNX and ONNX Runtime's own). */
    private static final Set<String> WHOLE_TENSOR = Set.of("DynamicQuantizeLinear", "DynamicQuantizeMatMul",
            "DynamicQuantizeLSTM");

    private BatchCoupling() {
    }

    /** The first node of {@code model} that couples the examples of a batch, if any. */
    static Optional<NodeProto> of(ModelProto model) {
        return model.getGraph().getNodeList().stream().filter(n -> WHOLE_TENSOR.contains(n.getOpType())).findFirst();
    }
}
