package org.xfer4j.bench.reliability;

/**
 * One mutated file: its bytes, what was done to it, and whether the artifact's manifest digests were recomputed to
 * match (a forgery rather than damage or a hand edit; always false for ONNX files, which carry no digests).
 */
record Mutant(byte[] bytes, String mutation, boolean forged) {
}
