package org.xfer4j.runtime.onnx.graph;

import org.xfer4j.api.InvalidOptionException;

/** A layer to add to a graph; a null name means one is chosen ("dense_1", "conv_2", ...). */
public sealed interface LayerSpec {

    /** The layer name, or null for an automatic one. */
    String name();

    /** The name prefix automatic names use: the kind of layer in lower case. */
    default String kind() {
        return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /** A fully connected layer (Gemm) over the last dimension of a rank-2 input. */
    record Dense(int units, Init init, String name) implements LayerSpec {
        public Dense {
            positive("dense units", units);
        }
    }

    /** A 2-d convolution with square kernel, stride and symmetric padding. */
    record Conv(int outChannels, int kernel, int stride, int padding, int groups, Init init, String name)
            implements LayerSpec {
        public Conv {
            positive("conv output channels", outChannels);
            positive("conv kernel", kernel);
            positive("conv stride", stride);
            positive("conv groups", groups);
            if (padding < 0) {
                throw new InvalidOptionException("conv padding must be >= 0, got " + padding);
            }
        }
    }

    /** The element-wise activations. */
    enum ActivationKind { RELU, RELU6, LEAKY_RELU, SIGMOID, TANH }

    /** An element-wise activation. */
    record Activation(ActivationKind activation, String name) implements LayerSpec {
        @Override
        public String kind() {
            return activation.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Dropout with {@code ratio} (active only in training graphs). */
    record Dropout(float ratio, String name) implements LayerSpec {
        public Dropout {
            if (!(ratio >= 0 && ratio < 1)) {
                throw new InvalidOptionException("dropout ratio must be in [0, 1), got " + ratio);
            }
        }
    }

    /** Batch normalisation over dimension 1 (channels), starting as the identity. */
    record BatchNorm(String name) implements LayerSpec {
    }

    /** The pooling kinds. */
    enum PoolKind { MAX, AVERAGE, GLOBAL_AVERAGE }

    /** Spatial pooling with a square window (ignored by global pooling). */
    record Pool(PoolKind pool, int kernel, int stride, String name) implements LayerSpec {
        public Pool {
            if (pool != PoolKind.GLOBAL_AVERAGE) {
                positive("pool kernel", kernel);
                positive("pool stride", stride);
            }
        }
    }

    /** Flattens every dimension after the first. */
    record Flatten(String name) implements LayerSpec {
    }

    /** Softmax over the last dimension. */
    record Softmax(String name) implements LayerSpec {
    }

    /** A dense layer of {@code units} outputs, Xavier-initialised. */
    static LayerSpec dense(int units) {
        return new Dense(units, Init.XAVIER, null);
    }

    /** A He-initialised convolution with "same" padding for odd kernels at stride 1. */
    static LayerSpec conv(int outChannels, int kernel, int stride) {
        return new Conv(outChannels, kernel, stride, kernel / 2, 1, Init.HE, null);
    }

    /** An activation layer. */
    static LayerSpec activation(ActivationKind kind) {
        return new Activation(kind, null);
    }

    /** A dropout layer. */
    static LayerSpec dropout(float ratio) {
        return new Dropout(ratio, null);
    }

    /** A batch-normalisation layer. */
    static LayerSpec batchNorm() {
        return new BatchNorm(null);
    }

    /** A pooling layer. */
    static LayerSpec pool(PoolKind kind, int kernel, int stride) {
        return new Pool(kind, kernel, stride, null);
    }

    /** A flatten layer. */
    static LayerSpec flatten() {
        return new Flatten(null);
    }

    /** A softmax layer. */
    static LayerSpec softmax() {
        return new Softmax(null);
    }

    private static void positive(String what, int v) {
        if (v <= 0) {
            throw new InvalidOptionException(what + " must be > 0, got " + v);
        }
    }
}
