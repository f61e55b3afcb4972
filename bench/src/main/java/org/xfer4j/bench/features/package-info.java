/**
 * Feature extraction benchmarks on real data: bge-small-en-v1.5 features of the SpamAssassin subject lines, timed
 * against plain ONNX Runtime, and exported to CSV for the meta-model benchmarks.
 */
package org.xfer4j.bench.features;
