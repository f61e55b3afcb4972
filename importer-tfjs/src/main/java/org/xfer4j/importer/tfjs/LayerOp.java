package org.xfer4j.importer.tfjs;

/** Translates one call of one kind of Keras layer into ONNX nodes; returns the Keras-shaped output tensor. */
@FunctionalInterface
interface LayerOp {

    KTensor apply(LayerCall call);
}
