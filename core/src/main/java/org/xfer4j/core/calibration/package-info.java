/**
 * Post-hoc calibration of any method's probabilities: temperature scaling (Guo et al., 2017), one temperature
 * fitted by minimising the log-loss of held-out predictions of the training part, applied to the probabilities of
 * every later prediction, saved with the artifact.
 */
package org.xfer4j.core.calibration;
