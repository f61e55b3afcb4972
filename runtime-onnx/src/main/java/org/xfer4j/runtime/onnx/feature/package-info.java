/**
 * Feature extraction with ONNX Runtime: a graph rewritten to output the named layers' tensors, run batch by batch,
 * activations pooled to one vector per example and concatenated with a layer-to-column map.
 */
package org.xfer4j.runtime.onnx.feature;
