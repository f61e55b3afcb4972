package org.xfer4j.repurposers.metamodel.gp;

import org.xfer4j.api.XferException;
import smile.linalg.UPLO;
import smile.tensor.Cholesky;
import smile.tensor.DenseMatrix;

/** Cholesky factors of kernel matrices that are positive definite in theory but may not be in floating point. */
final class Jitter {

    private static final int TRIES = 6;

    private Jitter() {
    }

    /**
     * The lower Cholesky factor of {@code a} + jitter I, starting with {@code jitter} and growing it tenfold while
     * the factorisation fails (from {@code fallback} when {@code jitter} is 0).
     *
     * @throws XferException when even the largest jitter leaves the matrix indefinite
     */
    static Cholesky cholesky(double[][] a, double jitter, double fallback) {
        double added = jitter;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            double[][] copy = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                copy[i] = a[i].clone();
                copy[i][i] += added;
            }
            try {
                return DenseMatrix.of(copy).withUplo(UPLO.LOWER).cholesky();
            } catch (ArithmeticException e) {
                added = added == 0 ? fallback : added * 10; // not positive definite in floating point: more jitter
            }
        }
        throw new XferException("gp: a kernel matrix is not positive definite even with jitter " + added
                + "; the features may hold many duplicate rows");
    }
}
