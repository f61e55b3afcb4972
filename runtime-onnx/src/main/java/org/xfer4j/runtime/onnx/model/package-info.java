/**
 * Source models backed by ONNX files: loading and validating a graph, its inputs and its catalogue of layers, and
 * the model sources that find them (a local .onnx file, a Maven model pack by zoo name or coordinates).
 */
package org.xfer4j.runtime.onnx.model;
