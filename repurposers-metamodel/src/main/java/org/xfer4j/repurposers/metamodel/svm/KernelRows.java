package org.xfer4j.repurposers.metamodel.svm;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.repurposers.metamodel.internal.Matrices;
import org.xfer4j.repurposers.metamodel.internal.Vectors;
import smile.tensor.DenseMatrix;

/**
 * Rows of the RBF kernel matrix of the training examples, shared by every pairwise problem and cross-validation
 * fold. When the whole matrix fits the memory budget it is computed at once from one float32 Gram matrix product in
 * Smile's BLAS (4,220 x 384 features: a fraction of a second, against seconds row by row); otherwise rows are
 * computed on demand and kept in a least-recently-used cache within the budget.
 */
final class KernelRows {

    private final double[] x;
    private final int width;
    private final double gamma;
    private final double[] norms;
    private final Map<Integer, float[]> cache;
    private final float[][] all;

    KernelRows(double[] standardized, int rows, int width, double gamma, long budgetBytes) {
        this.x = standardized;
        this.width = width;
        this.gamma = gamma;
        this.norms = Vectors.squaredNorms(standardized, rows, width);
        this.all = (long) rows * rows * Float.BYTES <= budgetBytes ? wholeMatrix(rows) : null;
        int capacity = (int) Math.max(2, Math.min(rows, budgetBytes / (4L * Math.max(rows, 1))));
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    private float[][] wholeMatrix(int rows) {
        DenseMatrix features = DenseMatrix.of(Matrices.floatRows(x, rows));
        float[][] k = features.mt(features).toArray(new float[0][]);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                k[i][j] = (float) Math.exp(-gamma * Math.max(norms[i] + norms[j] - 2 * k[i][j], 0));
            }
        }
        return k;
    }

    /** k(x_i, x_j) for every training example j. */
    float[] row(int i) {
        if (all != null) {
            return all[i];
        }
        float[] row = cache.get(i);
        if (row == null) {
            row = new float[norms.length];
            int off = i * width;
            for (int j = 0; j < row.length; j++) {
                double d2 = norms[i] + norms[j] - 2 * Vectors.dot(x, off, x, j * width, width);
                row[j] = (float) Math.exp(-gamma * Math.max(d2, 0));
            }
            cache.put(i, row);
        }
        return row;
    }

    double gamma() {
        return gamma;
    }

    /** The standardised training features, row-major. */
    double[] features() {
        return x;
    }

    int width() {
        return width;
    }
}
