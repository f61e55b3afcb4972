package org.xfer4j.repurposers.metamodel.lr;

import org.xfer4j.repurposers.metamodel.internal.Softmax;
import org.xfer4j.repurposers.metamodel.internal.Vectors;

/**
 * The linear softmax model over a flat parameter vector: one row of {@code width} weights and a bias per free
 * logit. With two classes class 0's logit is fixed at 0, so one row remains (plain logistic regression).
 */
final class SoftmaxModel {

    private final int width;
    private final int classes;

    SoftmaxModel(int width, int classes) {
        this.width = width;
        this.classes = classes;
    }

    /** Number of free logit rows. */
    int rows() {
        return classes == 2 ? 1 : classes;
    }

    /** Length of the parameter vector. */
    int parameterCount() {
        return rows() * (width + 1);
    }

    int width() {
        return width;
    }

    int classes() {
        return classes;
    }

    /** The class whose logit free row {@code r} holds. */
    int classOfRow(int r) {
        return classes == 2 ? 1 : r;
    }

    /**
     * Writes the logits and class probabilities of the example at {@code x[offset .. offset+width)} into
     * {@code z} and {@code p}; returns the log of the softmax normaliser, so -log p[c] = result - z[c] without
     * underflow.
     */
    double probabilities(double[] params, double[] x, int offset, double[] z, double[] p) {
        int rows = rows();
        double[] products = new double[rows];
        for (int r = 0; r < rows; r++) {
            products[r] = Vectors.dot(params, r * (width + 1), x, offset, width);
        }
        return probabilitiesFromProducts(params, products, z, p);
    }

    /**
     * As {@link #probabilities}, from the products of each free row's weights with the example (bias excluded).
     */
    double probabilitiesFromProducts(double[] params, double[] products, double[] z, double[] p) {
        if (classes == 2) {
            z[0] = 0;
            z[1] = products[0] + params[width];
        } else {
            for (int k = 0; k < classes; k++) {
                z[k] = products[k] + params[k * (width + 1) + width];
            }
        }
        return Softmax.of(z, p);
    }
}
