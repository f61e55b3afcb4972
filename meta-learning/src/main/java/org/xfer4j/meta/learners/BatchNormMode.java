package org.xfer4j.meta.learners;

/**
 * What the batch norms of a net normalise by while a task is adapted and scored (option {@code batchNorm}); nets
 * without batch norms, and models that are not ONNX graphs, behave the same under every mode.
 */
public enum BatchNormMode {
    /**
     * Every pass over the support set by that batch's mean and variance; query sets by the support set's, at the
     * same parameters. A query's prediction depends on the support set and itself only, and an adapted net is a
     * plain inference graph with the support statistics as its running statistics.
     */
    SUPPORT,
    /** Every pass by its own batch's statistics, query sets included (MAML's Omniglot setting, transductive). */
    TRANSDUCTIVE,
    /** The net's running statistics (an affine map per channel), as in inference. */
    FIXED
}
