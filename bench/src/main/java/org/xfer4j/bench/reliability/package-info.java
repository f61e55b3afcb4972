/**
 * Reliability benches: the fuzz bench (mutated artifacts through {@code predict}, mutated ONNX files through
 * {@code layers} and feature extraction, each case in a worker JVM watched for crashes and hangs,
 * {@link org.xfer4j.bench.reliability.Fuzz}) and resident memory over a thousand model opens and closes
 * ({@link org.xfer4j.bench.reliability.OpenCloseBench}).
 */
package org.xfer4j.bench.reliability;
