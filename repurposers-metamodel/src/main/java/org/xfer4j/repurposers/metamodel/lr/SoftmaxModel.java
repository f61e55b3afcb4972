package org.xfer4j.repurposers.metamodel.lr;

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
        if (classes == 2) {
            z[0] = 0;
            z[1] = dot(params, 0, x, offset) + params[width];
        } else {
            for (int k = 0, w = 0; k < classes; k++, w += width + 1) {
                z[k] = dot(params, w, x, offset) + params[w + width];
            }
        }
        double max = z[0];
        for (int k = 1; k < classes; k++) {
            max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < classes; k++) {
            p[k] /= sum;
        }
        return max + Math.log(sum);
    }

    /** Dot product with four accumulators so the loop pipelines. */
    private double dot(double[] params, int w, double[] x, int offset) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < width; j += 4) {
            s0 += params[w + j] * x[offset + j];
            s1 += params[w + j + 1] * x[offset + j + 1];
            s2 += params[w + j + 2] * x[offset + j + 2];
            s3 += params[w + j + 3] * x[offset + j + 3];
        }
        for (; j < width; j++) {
            s0 += params[w + j] * x[offset + j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
