package org.xfer4j.meta.learners;

import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * Picks the inner-loop runner: unrolled into one graph for ONNX models with full-batch SGD inner steps, else step by
 * step (the unrolled graph is built for one fixed support set); batch norms as the options' {@code batchNorm} says.
 */
final class Runners {

    private Runners() {
    }

    static TaskRunner of(DifferentiableModel model, MetaOptions options, ProviderContext context) {
        BatchNormMode mode = options.batchNorm();
        if (model instanceof OnnxDifferentiableModel onnx) {
            OnnxDifferentiableModel m = byBatch(onnx, mode) ? onnx.batchStatistics() : onnx;
            mode = m.normalisesByBatch() ? mode : BatchNormMode.FIXED;
            if (options.unroll() && options.innerOptimizer() == OptimizerKind.SGD && options.innerBatch() == 0) {
                return new UnrolledRunner(m, mode, context);
            }
            // a query normalised by its support set's statistics is scored by the unrolled graph without steps
            return new StepwiseRunner(m, mode == BatchNormMode.SUPPORT ? new UnrolledRunner(m, mode, context) : null);
        }
        return new StepwiseRunner(model, null);
    }

    /** Whether {@code model} under {@code mode} normalises by batch statistics: it has batch norms, not fixed. */
    static boolean byBatch(OnnxDifferentiableModel model, BatchNormMode mode) {
        return mode != BatchNormMode.FIXED && model.step().forward().model().getGraph().getNodeList().stream()
                .anyMatch(n -> n.getOpType().equals("BatchNormalization"));
    }
}
