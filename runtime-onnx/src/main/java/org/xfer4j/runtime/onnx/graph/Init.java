package org.xfer4j.runtime.onnx.graph;

/** How fresh weights are drawn; biases start at zero, normalisation scales at one. */
public enum Init {
    /** Glorot/Xavier uniform: U(-a, a), a = sqrt(6 / (fan-in + fan-out)); suits tanh, sigmoid, linear heads. */
    XAVIER,
    /** He/Kaiming normal: N(0, 2 / fan-in); suits ReLU layers. */
    HE
}
