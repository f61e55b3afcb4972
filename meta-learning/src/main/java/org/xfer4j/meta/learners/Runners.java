package org.xfer4j.meta.learners;

import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * Picks the inner-loop runner: unrolled into one graph for ONNX models with full-batch SGD inner steps, else step by
 * step (the unrolled graph is built for one fixed support set).
 */
final class Runners {

    private Runners() {
    }

    static TaskRunner of(DifferentiableModel model, MetaOptions options, ProviderContext context) {
        if (options.unroll() && options.innerOptimizer() == OptimizerKind.SGD && options.innerBatch() == 0
                && model instanceof OnnxDifferentiableModel onnx) {
            return new UnrolledRunner(onnx, context);
        }
        return new StepwiseRunner(model);
    }
}
