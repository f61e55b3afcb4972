/**
 * Export of a feature model as one ONNX graph: the source graph up to the chosen layers, their pooling, and the
 * classifier's head written through {@link org.xfer4j.api.repurpose.OnnxHead}, with outputs {@code probabilities}
 * and {@code label}.
 */
package org.xfer4j.runtime.onnx.export;
