/**
 * Image preprocessing declared by a model: resize (stretch, or shorter side then centre crop), channel order,
 * scaling and per-channel normalisation, grey to RGB, into NCHW float32 batches, in parallel.
 */
package org.xfer4j.runtime.onnx.image;
