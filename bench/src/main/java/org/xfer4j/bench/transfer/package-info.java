/**
 * Validation of the transferability estimators: Kendall's tau between each estimator's ranking of (model, layer)
 * candidates and the ranking by the test accuracy of {@code lr} trained on each, on real text and image tasks, and
 * the time of ranking against the time of training every candidate.
 */
package org.xfer4j.bench.transfer;
