/**
 * ONNX Runtime for Xfer4j: one environment per process, sessions configured from the provider context (threads,
 * CPU or CUDA, never a silent fallback), run on threads with a stack large enough for big graphs.
 */
package org.xfer4j.runtime.onnx;
