/**
 * The TF.js Layers to ONNX importer: {@link org.xfer4j.importer.tfjs.TfjsModel} reads a model (model.json or the
 * JavaScript bundles npm packages such as nsfwjs ship), {@link org.xfer4j.importer.tfjs.TfjsImporter} writes the ONNX
 * graph (opset 17, NCHW input, Keras layer names as node and output names).
 */
package org.xfer4j.importer.tfjs;
