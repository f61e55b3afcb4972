package org.xfer4j.repurposers.metamodel.gp;

import java.util.List;
import org.xfer4j.api.feature.LayerBlock;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.repurposers.metamodel.internal.Vectors;

/**
 * The kernel of the exact few-shot GP: a linear part plus an RBF part over standardised features,
 * k(x, z) = linear * dot(x, z) + rbf * exp(-dist(x, z) / (2 lengthscale^2)), where dot and dist are the mean over
 * layer blocks of the block's dot product and squared distance divided by its width. Dividing by the width keeps the
 * hyperparameters' scale the same for 384 or 1280 features; with few examples the RBF alone decays to its prior
 * between points (distances concentrate in high dimensions), and the linear part is what extrapolates, as
 * logistic regression does.
 *
 * @param blocks the column ranges of the layers
 * @param logLinear natural log of the linear part's variance
 * @param logRbf natural log of the RBF part's variance
 * @param logLengthscale natural log of the RBF lengthscale (relative to the per-column distance)
 */
record ExactKernel(List<LayerBlock> blocks, double logLinear, double logRbf, double logLengthscale) {

    /** The hyperparameters as a vector: log linear variance, log RBF variance, log lengthscale. */
    double[] toVector() {
        return new double[] {logLinear, logRbf, logLengthscale};
    }

    /** The kernel with hyperparameters in {@link #toVector}'s layout. */
    ExactKernel withVector(double[] v) {
        return new ExactKernel(blocks, v[0], v[1], v[2]);
    }

    /** Width-normalised dot products and squared distances between two sets of rows. */
    record Geometry(double[][] dots, double[][] distances) {
    }

    /** The geometry between the {@code n} rows of {@code x} and the {@code m} rows of {@code z} (row-major). */
    Geometry geometry(double[] x, int n, double[] z, int m, int width) {
        double[][] dots = new double[n][m];
        double[][] distances = new double[n][m];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        for (LayerBlock block : blocks) {
            double weight = 1.0 / (blocks.size() * Math.max(1, block.width()));
            double[][] cross = CrossProducts.of(x, rows, z, m, width, block.start(), block.width());
            double[] zNorms = new double[m];
            for (int k = 0; k < m; k++) {
                zNorms[k] = Vectors.dot(z, k * width + block.start(), z, k * width + block.start(), block.width());
            }
            for (int i = 0; i < n; i++) {
                int off = i * width + block.start();
                double xNorm = Vectors.dot(x, off, x, off, block.width());
                for (int k = 0; k < m; k++) {
                    dots[i][k] += weight * cross[i][k];
                    distances[i][k] += weight * Math.max(0, xNorm + zNorms[k] - 2 * cross[i][k]);
                }
            }
        }
        return new Geometry(dots, distances);
    }

    /** Kernel values [N, m] between {@code x} ([N, width] in a graph) and the {@code m} rows of {@code z}, in ONNX. */
    String exportOnnx(OnnxHead h, String x, double[] z, int m, int width) {
        String dots = null;
        String distances = null;
        for (LayerBlock block : blocks) {
            String weight = h.constant(new double[] {1.0 / (blocks.size() * Math.max(1, block.width()))});
            BlockGeometry g = BlockGeometry.of(h, x, z, m, width, block);
            String dot = h.op("Mul", weight, g.cross());
            String distance = h.op("Mul", weight, g.distances());
            dots = dots == null ? dot : h.op("Add", dots, dot);
            distances = distances == null ? distance : h.op("Add", distances, distance);
        }
        return h.op("Add", h.op("Mul", h.constant(new double[] {Math.exp(logLinear)}), dots),
                h.op("Mul", h.constant(new double[] {Math.exp(logRbf)}), h.op("Exp", h.op("Mul",
                        h.constant(new double[] {-0.5 * Math.exp(-2 * logLengthscale)}), distances))));
    }

    /** Kernel values from a geometry. */
    double[][] matrix(Geometry g) {
        double linear = Math.exp(logLinear);
        double rbf = Math.exp(logRbf);
        double scale = -0.5 * Math.exp(-2 * logLengthscale);
        double[][] k = new double[g.dots().length][];
        for (int i = 0; i < k.length; i++) {
            double[] dots = g.dots()[i];
            double[] dist = g.distances()[i];
            k[i] = new double[dots.length];
            for (int j = 0; j < dots.length; j++) {
                k[i][j] = linear * dots[j] + rbf * Math.exp(scale * dist[j]);
            }
        }
        return k;
    }
}
