package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import org.xfer4j.runtime.onnx.graph.Attributes;

/**
 * BatchNormalization in training mode, written out in differentiable operators: normalised by the batch's own mean
 * and (biased) variance over every axis but the channels, the running statistics updated as
 * {@code running * momentum + batch * (1 - momentum)} with the unbiased batch variance (as PyTorch does). The
 * statistics get fixed names ({@link #meanOf}, {@link #varianceOf}), so one pass can compute them and another, bound
 * to those names, normalise with them (a query set normalised by its support set's statistics).
 */
final class BatchNormTraining {

    private static final String PREFIX = "xfer4j.bn/";

    private BatchNormTraining() {
    }

    /** The batch mean of {@code bn}'s input, shaped [1, C, 1, ...]: the name the expansion gives it. */
    static String meanOf(NodeProto bn) {
        return PREFIX + bn.getOutput(0) + "/mean";
    }

    /** The biased batch variance of {@code bn}'s input, shaped like {@link #meanOf}. */
    static String varianceOf(NodeProto bn) {
        return PREFIX + bn.getOutput(0) + "/variance";
    }

    /** Emits the replacement of {@code bn} (input of rank {@code rank}); its running statistics become outputs. */
    static void expand(NodeProto bn, int rank, int elemType, Emitter e, String newMean, String newVar) {
        String count = normalise(bn, rank, elemType, e);
        double momentum = Attributes.getFloat(bn, "momentum", 0.9f);
        String keep = e.scalar(momentum, elemType);
        String take = e.scalar(1 - momentum, elemType);
        String flat = e.ints(-1);
        String unbiased = e.div(e.mul(e.reshape(varianceOf(bn), flat), count), e.sub(count, e.scalar(1, elemType)));
        e.node("Add", List.of(e.mul(bn.getInput(3), keep), e.mul(e.reshape(meanOf(bn), flat), take)),
                List.of(newMean));
        e.node("Add", List.of(e.mul(bn.getInput(4), keep), e.mul(unbiased, take)), List.of(newVar));
    }

    /**
     * Emits the replacement of {@code bn} normalising by the batch's statistics, named {@link #meanOf} and
     * {@link #varianceOf}, and no running statistics; returns the examples per channel.
     */
    static String normalise(NodeProto bn, int rank, int elemType, Emitter e) {
        String x = bn.getInput(0);
        long[] axes = new long[rank - 1];
        axes[0] = 0;
        for (int k = 2; k < rank; k++) {
            axes[k - 1] = k;
        }
        String count = e.div(e.cast(e.op("Size", List.of(x)), elemType),
                e.cast(e.op("Gather", List.of(e.shape(x), e.scalar(1, TensorProto.DataType.INT64_VALUE)),
                        Attributes.of("axis", 0L)), elemType));
        e.node("Div", List.of(e.reduceSum(x, true, axes), count), List.of(meanOf(bn)));
        // x + (-mean): the gradient of a Sub negates the whole map before reducing it, an Add's just reduces it
        String centred = e.add(x, e.neg(meanOf(bn)));
        e.node("Div", List.of(e.reduceSum(e.mul(centred, centred), true, axes), count), List.of(varianceOf(bn)));
        scale(bn, rank, elemType, e, centred, varianceOf(bn));
        return count;
    }

    /** Emits {@code bn}'s output from its input minus the mean ({@code centred}) and the variance to divide by. */
    private static void scale(NodeProto bn, int rank, int elemType, Emitter e, String centred, String variance) {
        // [1, C, 1, ...] like the statistics: the gradients then reduce the map over its other axes in one node
        long[] channelShape = new long[rank];
        java.util.Arrays.fill(channelShape, 1);
        channelShape[1] = -1;
        String perChannel = e.ints(channelShape);
        String eps = e.scalar(Attributes.getFloat(bn, "epsilon", 1e-5f), elemType);
        // scale / sqrt(var + eps) per channel first: one product over the whole map instead of a quotient and a
        // product, which also spares the backward pass four map-sized operations
        String factor = e.div(e.reshape(bn.getInput(1), perChannel), e.op("Sqrt", e.add(variance, eps)));
        e.node("Add", List.of(e.mul(centred, factor), e.reshape(bn.getInput(2), perChannel)),
                List.of(bn.getOutput(0)));
    }
}
