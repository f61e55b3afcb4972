package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import org.xfer4j.runtime.onnx.graph.Attributes;

/** The training losses, each the mean over the batch of a per-example loss. */
public enum Loss {
    /** Softmax cross-entropy of logits [N, K] against int64 class labels [N]. */
    SOFTMAX_CROSS_ENTROPY,
    /** Mean squared error of the output against float targets of the same shape. */
    MEAN_SQUARED_ERROR;

    /** Appends the loss of {@code output} against the graph input {@code target}; returns the scalar's name. */
    String append(Emitter e, String output, String target, int elemType) {
        String perElement = switch (this) {
            case SOFTMAX_CROSS_ENTROPY -> {
                String logProbabilities = e.op("LogSoftmax", output, Attributes.of("axis", -1L));
                int int64 = TensorProto.DataType.INT64_VALUE;
                String classes = e.op("Gather", List.of(e.shape(output), e.scalar(-1, int64)),
                        Attributes.of("axis", 0L));
                String ids = e.op("Range", List.of(e.scalar(0, int64), classes, e.scalar(1, int64)));
                String oneHot = e.cast(e.op("Equal", e.op("Unsqueeze", target, e.ints(1)), ids), elemType);
                yield e.neg(e.reduceSum(e.mul(oneHot, logProbabilities), false, -1));
            }
            case MEAN_SQUARED_ERROR -> {
                String diff = e.sub(output, target);
                yield e.mul(diff, diff);
            }
        };
        String count = e.cast(e.op("Size", List.of(perElement)), elemType);
        return e.div(e.op("ReduceSum", List.of(perElement), Attributes.of("keepdims", 0L)), count);
    }
}
