/** The training loop over training-step graphs: epochs, mini-batches, validation, early stopping, schedules. */
package org.xfer4j.runtime.onnx.train;
