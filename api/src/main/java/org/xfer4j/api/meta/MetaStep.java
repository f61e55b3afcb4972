package org.xfer4j.api.meta;

/**
 * One outer step of meta-training: the mean query loss of the tasks of that step after adaptation, and their query
 * accuracy (NaN for regression).
 */
public record MetaStep(int step, double queryLoss, double queryAccuracy) {
}
