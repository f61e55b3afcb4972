package org.xfer4j.repurposers.metamodel.svm;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.repurposers.metamodel.internal.Vectors;

/**
 * Rows of the RBF kernel matrix of the training examples, computed on demand and kept in a least-recently-used
 * cache within a memory budget; every pairwise problem and cross-validation fold shares it.
 */
final class KernelRows {

    private final double[] x;
    private final int width;
    private final double gamma;
    private final double[] norms;
    private final Map<Integer, float[]> cache;

    KernelRows(double[] standardized, int rows, int width, double gamma, long budgetBytes) {
        this.x = standardized;
        this.width = width;
        this.gamma = gamma;
        this.norms = Vectors.squaredNorms(standardized, rows, width);
        int capacity = (int) Math.max(2, Math.min(rows, budgetBytes / (4L * Math.max(rows, 1))));
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** k(x_i, x_j) for every training example j. */
    float[] row(int i) {
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
