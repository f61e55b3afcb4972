/**
 * Transferability: estimates of how well each (model, layer) candidate will transfer to a target task, computed on
 * extracted features before any training, and the ranking of candidates the {@code rank} command prints.
 */
package org.xfer4j.transferability;
