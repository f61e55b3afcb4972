package org.xfer4j.meta.learners;

import org.xfer4j.api.data.Dataset;

/**
 * How a task is adapted: {@code steps} updates at learning rate {@code lr}, each on the whole support set or, with
 * {@code batch} > 0, on the next {@code batch} support examples in turn (wrapping around); for Leap, the rule whose
 * per-task direction an unrolled loop computes in the graph (null otherwise).
 */
record InnerLoop(int steps, double lr, OptimizerKind optimizer, LeapRule leap, int batch) {

    InnerLoop(int steps, double lr, OptimizerKind optimizer) {
        this(steps, lr, optimizer, null, 0);
    }

    InnerLoop(int steps, double lr, OptimizerKind optimizer, LeapRule leap) {
        this(steps, lr, optimizer, leap, 0);
    }

    /** Whether steps take mini-batches of {@code support} rather than all of it. */
    boolean batched(Dataset support) {
        return batch > 0 && batch < support.size();
    }

    /** The examples step {@code i} (from 0) trains on. */
    Dataset batchOf(Dataset support, int i) {
        if (!batched(support)) {
            return support;
        }
        int[] indices = new int[batch];
        for (int j = 0; j < batch; j++) {
            indices[j] = (i * batch + j) % support.size();
        }
        return support.subset(indices);
    }
}
