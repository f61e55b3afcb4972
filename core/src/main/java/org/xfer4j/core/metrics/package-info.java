/** Metrics of class probabilities against true labels: accuracy, macro-F1, NLL, calibration error, Brier score. */
package org.xfer4j.core.metrics;
