/**
 * The fuzz bench: mutated artifacts through {@code predict}, mutated ONNX files through {@code layers} and feature
 * extraction, each case in a long-lived worker JVM watched for crashes and hangs ({@link org.xfer4j.bench.fuzz.Fuzz}).
 */
package org.xfer4j.bench.fuzz;
