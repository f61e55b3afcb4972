package org.xfer4j.api.meta;

/** What a meta-learning problem minimises: classification or regression. */
public enum LossKind {
    /** Softmax cross-entropy of logits against class labels (N-way K-shot episodes). */
    CROSS_ENTROPY,
    /** Mean squared error of real-valued outputs against the targets of a {@link org.xfer4j.api.data.TargetDataset}. */
    SQUARED_ERROR
}
