/** Model sources resolve references to pretrained source models: an ONNX graph with inputs, preprocessing and layers. */
package org.xfer4j.api.model;
