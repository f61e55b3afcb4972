package org.xfer4j.repurposers.metamodel.bnn;

import java.util.Arrays;
import org.xfer4j.api.InvalidInputException;

/**
 * The layer sizes of the network (features, hidden widths, classes), its activation, and where each layer's
 * weights (row-major [out][in]) and biases lie in the flat parameter vector.
 */
record Architecture(int[] sizes, Activation activation) {

    Architecture {
        if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
            throw new InvalidInputException("bnn layer sizes must be at least two positive numbers, got "
                    + Arrays.toString(sizes));
        }
        sizes = sizes.clone();
    }

    /** Features, {@code hiddenLayers} layers of {@code width} units, classes. */
    static Architecture of(int features, BnnOptions options, int classes) {
        int[] sizes = new int[options.hiddenLayers() + 2];
        Arrays.fill(sizes, options.width());
        sizes[0] = features;
        sizes[sizes.length - 1] = classes;
        return new Architecture(sizes, options.activation());
    }

    /** Number of weight layers (hidden layers + 1). */
    int layers() {
        return sizes.length - 1;
    }

    int in(int layer) {
        return sizes[layer];
    }

    int out(int layer) {
        return sizes[layer + 1];
    }

    int features() {
        return sizes[0];
    }

    int classes() {
        return sizes[sizes.length - 1];
    }

    /** Index of layer {@code layer}'s first weight; its biases follow its in x out weights. */
    int offset(int layer) {
        int o = 0;
        for (int l = 0; l < layer; l++) {
            o += (in(l) + 1) * out(l);
        }
        return o;
    }

    /** Weights and biases of every layer. */
    int parameterCount() {
        return offset(layers());
    }

    /**
     * The prior standard deviation of every parameter: {@code priorSigma / sqrt(fan-in)}, so each pre-activation
     * of standardised inputs has prior variance of order priorSigma^2 whatever the widths.
     */
    double[] priorSigmas(double priorSigma) {
        double[] out = new double[parameterCount()];
        for (int l = 0; l < layers(); l++) {
            Arrays.fill(out, offset(l), offset(l + 1), priorSigma / Math.sqrt(in(l)));
        }
        return out;
    }
}
