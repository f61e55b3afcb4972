/**
 * The meta-learners Reptile, FOMAML, second-order MAML and Leap as {@link org.xfer4j.api.meta.MetaLearnerProvider}s:
 * typed options, the shared meta-training loop (checkpoints, NaN checks, progress) and the inner loop, run either
 * step by step through any {@link org.xfer4j.api.meta.DifferentiableModel} or, for ONNX graph models, unrolled into
 * one ONNX graph per task.
 */
package org.xfer4j.meta.learners;
