/** Meta-learning on sine waves against a PyTorch 1.13 reference: time per 1,000 meta-steps and test MSE. */
package org.xfer4j.bench.meta;
