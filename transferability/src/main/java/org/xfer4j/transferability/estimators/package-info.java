/**
 * The built-in transferability estimators: LEEP, NCE (from the source model's own class probabilities), H-score,
 * LogME (from the candidate layer's features) and the cross-validated accuracy of {@code lr}.
 */
package org.xfer4j.transferability.estimators;
