/**
 * Small networks built as ONNX graphs for meta-learning: multi-layer perceptrons and the few-shot CNN, seeded and
 * ready for the training engine.
 */
package org.xfer4j.meta.nets;
