/**
 * Reverse-mode differentiation of ONNX graphs into ONNX graphs: losses, per-operator gradient rules and optimiser
 * updates, built from standard operators so ONNX Runtime runs (and can differentiate again) the result.
 */
package org.xfer4j.training.autodiff;
