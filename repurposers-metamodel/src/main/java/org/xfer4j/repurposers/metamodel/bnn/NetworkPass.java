package org.xfer4j.repurposers.metamodel.bnn;

import smile.linalg.Transpose;
import smile.tensor.DenseMatrix;
import smile.tensor.ScalarType;

/**
 * One forward pass of the network with fixed (sampled) weights over a fixed number of rows, in float64 BLAS
 * products through Smile, keeping every layer's pre-activations and activations for the backward pass.
 */
final class NetworkPass {

    private final Architecture arch;
    private final int rows;
    private final DenseMatrix input;
    private final DenseMatrix[] weights;
    private final double[][] biases;
    /** Pre-activations of each layer, rows x out; the last layer's are the logits. */
    private final DenseMatrix[] pre;
    /** Activations of each hidden layer, rows x out (index l holds layer l's output, l < layers - 1). */
    private final DenseMatrix[] post;
    /** Backward buffers: d loss / d weights of each layer (out x in), d loss / d pre-activations of each hidden layer. */
    private final DenseMatrix[] weightGradients;
    private final DenseMatrix[] hiddenDeltas;

    NetworkPass(Architecture arch, int rows) {
        this.arch = arch;
        this.rows = rows;
        this.input = DenseMatrix.zeros(ScalarType.Float64, rows, arch.features());
        int layers = arch.layers();
        this.weights = new DenseMatrix[layers];
        this.biases = new double[layers][];
        this.pre = new DenseMatrix[layers];
        this.post = new DenseMatrix[layers - 1];
        this.weightGradients = new DenseMatrix[layers];
        this.hiddenDeltas = new DenseMatrix[layers - 1];
        for (int l = 0; l < layers; l++) {
            weights[l] = DenseMatrix.zeros(ScalarType.Float64, arch.out(l), arch.in(l));
            biases[l] = new double[arch.out(l)];
            pre[l] = DenseMatrix.zeros(ScalarType.Float64, rows, arch.out(l));
            if (l < layers - 1) {
                post[l] = DenseMatrix.zeros(ScalarType.Float64, rows, arch.out(l));
                hiddenDeltas[l] = DenseMatrix.zeros(ScalarType.Float64, rows, arch.out(l));
            }
            weightGradients[l] = DenseMatrix.zeros(ScalarType.Float64, arch.out(l), arch.in(l));
        }
    }

    Architecture architecture() {
        return arch;
    }

    int rows() {
        return rows;
    }

    /** Sets the weights and biases from a flat parameter vector (layout of {@link Architecture}). */
    void setParameters(double[] w) {
        for (int l = 0; l < arch.layers(); l++) {
            int in = arch.in(l);
            int out = arch.out(l);
            int o = arch.offset(l);
            DenseMatrix m = weights[l];
            for (int r = 0; r < out; r++) {
                for (int c = 0; c < in; c++) {
                    m.set(r, c, w[o + r * in + c]);
                }
            }
            System.arraycopy(w, o + out * in, biases[l], 0, out);
        }
    }

    /** Sets the input rows: row i is {@code x[index[i]]}, or {@code x[i]} when index is null (row-major x). */
    void setInput(double[] x, int[] index) {
        int d = arch.features();
        for (int i = 0; i < rows; i++) {
            int off = (index == null ? i : index[i]) * d;
            for (int j = 0; j < d; j++) {
                input.set(i, j, x[off + j]);
            }
        }
    }

    /** Runs the layers; the logits are then {@link #logits()}. */
    void forward() {
        DenseMatrix below = input;
        Activation act = arch.activation();
        for (int l = 0; l < arch.layers(); l++) {
            DenseMatrix a = pre[l];
            DenseMatrix.mm(1, Transpose.NO_TRANSPOSE, below, Transpose.TRANSPOSE, weights[l], 0, a);
            double[] b = biases[l];
            boolean hidden = l < arch.layers() - 1;
            for (int j = 0; j < b.length; j++) {
                for (int i = 0; i < rows; i++) {
                    double v = a.get(i, j) + b[j];
                    a.set(i, j, v);
                    if (hidden) {
                        post[l].set(i, j, act.apply(v));
                    }
                }
            }
            if (hidden) {
                below = post[l];
            }
        }
    }

    /** Logits of the last forward pass, rows x classes. */
    DenseMatrix logits() {
        return pre[arch.layers() - 1];
    }

    /**
     * Back-propagates {@code delta} (d loss / d logits, rows x classes) and writes d loss / d parameter
     * into {@code gradient} (flat layout).
     */
    void backward(DenseMatrix delta, double[] gradient) {
        Activation act = arch.activation();
        DenseMatrix d = delta;
        for (int l = arch.layers() - 1; l >= 0; l--) {
            int in = arch.in(l);
            int out = arch.out(l);
            int o = arch.offset(l);
            DenseMatrix below = l == 0 ? input : post[l - 1];
            DenseMatrix g = weightGradients[l];
            DenseMatrix.mm(1, Transpose.TRANSPOSE, d, Transpose.NO_TRANSPOSE, below, 0, g);
            for (int r = 0; r < out; r++) {
                for (int c = 0; c < in; c++) {
                    gradient[o + r * in + c] = g.get(r, c);
                }
                double sum = 0;
                for (int i = 0; i < rows; i++) {
                    sum += d.get(i, r);
                }
                gradient[o + out * in + r] = sum;
            }
            if (l > 0) {
                DenseMatrix dBelow = hiddenDeltas[l - 1];
                DenseMatrix.mm(1, Transpose.NO_TRANSPOSE, d, Transpose.NO_TRANSPOSE, weights[l], 0, dBelow);
                DenseMatrix a = pre[l - 1];
                DenseMatrix h = post[l - 1];
                for (int j = 0; j < in; j++) {
                    for (int i = 0; i < rows; i++) {
                        dBelow.set(i, j, dBelow.get(i, j) * act.derivative(a.get(i, j), h.get(i, j)));
                    }
                }
                d = dBelow;
            }
        }
    }
}
