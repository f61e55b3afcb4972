/**
 * Image feature extraction benchmarks: MobileNetV2 (imported from TF.js) pooled features of Fashion-MNIST through
 * Xfer4j against PyTorch 1.13 on the same weights, and peak memory while streaming all 70,000 images.
 */
package org.xfer4j.bench.image;
