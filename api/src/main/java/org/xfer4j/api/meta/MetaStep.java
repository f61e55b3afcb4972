package org.xfer4j.api.meta;

/** One outer step of meta-training: the mean query loss and accuracy of the tasks of that step. */
public record MetaStep(int step, double queryLoss, double queryAccuracy) {
}
