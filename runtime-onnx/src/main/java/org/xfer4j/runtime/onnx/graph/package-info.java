/**
 * Graph surgery on ONNX models: list, cut and extend layers, freeze, re-initialise, read and write parameters, save
 * and draw. Every operation returns a new {@link org.xfer4j.runtime.onnx.graph.OnnxGraph}.
 */
package org.xfer4j.runtime.onnx.graph;
