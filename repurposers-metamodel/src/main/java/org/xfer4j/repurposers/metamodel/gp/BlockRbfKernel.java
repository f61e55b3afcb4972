package org.xfer4j.repurposers.metamodel.gp;

import java.util.Arrays;
import java.util.List;
import org.xfer4j.api.feature.LayerBlock;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.repurposers.metamodel.internal.Vectors;

/**
 * k(x, z) = sum over layer blocks b of variance_b * exp(-|x_b - z_b|^2 / (2 lengthscale_b^2)): each layer's
 * features get their own scale and weight, since layers of a network differ in both.
 *
 * @param blocks the column ranges of the layers
 * @param logLengthscales natural log of each block's lengthscale
 * @param logVariances natural log of each block's variance
 */
record BlockRbfKernel(List<LayerBlock> blocks, double[] logLengthscales, double[] logVariances) {

    /** Initial hyperparameters for standardised features: lengthscale sqrt(width), variances summing to 4. */
    static BlockRbfKernel initial(List<LayerBlock> blocks) {
        double[] l = new double[blocks.size()];
        double[] v = new double[blocks.size()];
        for (int b = 0; b < l.length; b++) {
            l[b] = 0.5 * Math.log(Math.max(1, blocks.get(b).width()));
            v[b] = Math.log(4.0 / blocks.size());
        }
        return new BlockRbfKernel(blocks, l, v);
    }

    /** k(x, x), the same for every x. */
    double diagonal() {
        double s = 0;
        for (double v : logVariances) {
            s += Math.exp(v);
        }
        return s;
    }

    /**
     * Squared distances per block between the rows of {@code x} (at {@code rows}) and of {@code z}:
     * result[b][i * zRows + k].
     */
    double[][] blockDistances(double[] x, int[] rows, double[] z, int zRows, int width) {
        double[][] out = new double[blocks.size()][rows.length * zRows];
        for (int b = 0; b < out.length; b++) {
            LayerBlock block = blocks.get(b);
            double[] zNorms = new double[zRows];
            for (int k = 0; k < zRows; k++) {
                int off = k * width + block.start();
                zNorms[k] = Vectors.dot(z, off, z, off, block.width());
            }
            double[][] dots = CrossProducts.of(x, rows, z, zRows, width, block.start(), block.width());
            for (int i = 0; i < rows.length; i++) {
                int xOff = rows[i] * width + block.start();
                double xNorm = Vectors.dot(x, xOff, x, xOff, block.width());
                for (int k = 0; k < zRows; k++) {
                    out[b][i * zRows + k] = Math.max(0, xNorm + zNorms[k] - 2 * dots[i][k]);
                }
            }
        }
        return out;
    }

    /** Kernel values from per-block squared distances (as {@link #blockDistances} returns them). */
    double[] fromDistances(double[][] distances) {
        double[] k = new double[distances[0].length];
        for (int b = 0; b < distances.length; b++) {
            double variance = Math.exp(logVariances[b]);
            double scale = -0.5 * Math.exp(-2 * logLengthscales[b]);
            double[] d = distances[b];
            for (int i = 0; i < k.length; i++) {
                k[i] += variance * Math.exp(scale * d[i]);
            }
        }
        return k;
    }

    /** Kernel values [N, zRows] between {@code x} ([N, width] in a graph) and the rows of {@code z}, in ONNX. */
    String exportOnnx(OnnxHead h, String x, double[] z, int zRows, int width) {
        String k = null;
        for (int b = 0; b < blocks.size(); b++) {
            String d = BlockGeometry.of(h, x, z, zRows, width, blocks.get(b)).distances();
            String term = h.op("Mul", h.constant(new double[] {Math.exp(logVariances[b])}), h.op("Exp",
                    h.op("Mul", h.constant(new double[] {-0.5 * Math.exp(-2 * logLengthscales[b])}), d)));
            k = k == null ? term : h.op("Add", k, term);
        }
        return k;
    }

    /** The hyperparameters as one vector: log lengthscales, then log variances. */
    double[] toVector() {
        double[] out = new double[2 * blocks.size()];
        System.arraycopy(logLengthscales, 0, out, 0, blocks.size());
        System.arraycopy(logVariances, 0, out, blocks.size(), blocks.size());
        return out;
    }

    /** The kernel with hyperparameters from {@link #toVector}'s layout. */
    BlockRbfKernel withVector(double[] v) {
        int b = blocks.size();
        return new BlockRbfKernel(blocks, Arrays.copyOfRange(v, 0, b), Arrays.copyOfRange(v, b, 2 * b));
    }
}
