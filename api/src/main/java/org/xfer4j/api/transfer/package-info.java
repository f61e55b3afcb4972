/**
 * Transferability estimation: scores that predict, before any training, how well a (model, layer) candidate's
 * features will serve a labelled target task.
 */
package org.xfer4j.api.transfer;
