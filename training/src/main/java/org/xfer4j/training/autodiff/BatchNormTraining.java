package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.xfer4j.runtime.onnx.graph.Attributes;

/**
 * BatchNormalization in training mode, written out in differentiable operators: normalised by the batch's own mean
 * and (biased) variance over every axis but the channels, the running statistics updated as
 * {@code running * momentum + batch * (1 - momentum)} with the unbiased batch variance (as PyTorch does).
 */
final class BatchNormTraining {

    private BatchNormTraining() {
    }

    /** Emits the replacement of {@code bn} (input of rank {@code rank}); its running statistics become outputs. */
    static void expand(NodeProto bn, int rank, int elemType, Emitter e, String newMean, String newVar) {
        String x = bn.getInput(0);
        long[] axes = new long[rank - 1];
        axes[0] = 0;
        for (int k = 2; k < rank; k++) {
            axes[k - 1] = k;
        }
        long[] channelShape = new long[rank - 1];
        java.util.Arrays.fill(channelShape, 1);
        channelShape[0] = -1;
        String perChannel = e.ints(channelShape);
        String count = e.div(e.cast(e.op("Size", List.of(x)), elemType),
                e.cast(e.op("Gather", List.of(e.shape(x), e.scalar(1, ai.onnx.proto.OnnxMl.TensorProto.DataType
                        .INT64_VALUE)), Attributes.of("axis", 0L)), elemType));
        String mean = e.div(e.reduceSum(x, true, axes), count);
        String centred = e.sub(x, mean);
        String variance = e.div(e.reduceSum(e.mul(centred, centred), true, axes), count);
        String eps = e.scalar(Attributes.getFloat(bn, "epsilon", 1e-5f), elemType);
        String normalised = e.div(centred, e.op("Sqrt", e.add(variance, eps)));
        String scaled = e.mul(normalised, e.reshape(bn.getInput(1), perChannel));
        e.node("Add", List.of(scaled, e.reshape(bn.getInput(2), perChannel)), List.of(bn.getOutput(0)));

        double momentum = Attributes.getFloat(bn, "momentum", 0.9f);
        String keep = e.scalar(momentum, elemType);
        String take = e.scalar(1 - momentum, elemType);
        String flat = e.ints(-1);
        String unbiased = e.div(e.mul(e.reshape(variance, flat), count), e.sub(count, e.scalar(1, elemType)));
        e.node("Add", List.of(e.mul(bn.getInput(3), keep), e.mul(e.reshape(mean, flat), take)), List.of(newMean));
        e.node("Add", List.of(e.mul(bn.getInput(4), keep), e.mul(unbiased, take)), List.of(newVar));
    }
}
