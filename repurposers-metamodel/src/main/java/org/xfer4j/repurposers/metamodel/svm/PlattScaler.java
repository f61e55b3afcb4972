package org.xfer4j.repurposers.metamodel.svm;

import org.xfer4j.repurposers.metamodel.internal.Logistic;

/**
 * Platt's sigmoid P(positive | f) = 1 / (1 + exp(a f + b)) over decision values, fitted by Newton's method with
 * a backtracking line search on regularised targets (Lin, Lin and Weng, 2007).
 */
record PlattScaler(double a, double b) {

    private static final int MAX_ITERATIONS = 100;
    private static final double MIN_STEP = 1e-10;
    private static final double HESSIAN_RIDGE = 1e-12;
    private static final double GRADIENT_TOLERANCE = 1e-5;

    /** The probability of the positive side for decision value {@code f}. */
    double probability(double f) {
        return Logistic.sigmoid(-(a * f + b));
    }

    /** Whether the probability grows with the decision value, as it must for a sensible calibration. */
    boolean increasing() {
        return a < 0;
    }

    /** Fits the sigmoid to decision values {@code f} of examples labelled {@code positive}. */
    static PlattScaler fit(double[] f, boolean[] positive) {
        int prior1 = 0;
        for (boolean p : positive) {
            prior1 += p ? 1 : 0;
        }
        int prior0 = positive.length - prior1;
        double hiTarget = (prior1 + 1.0) / (prior1 + 2.0);
        double loTarget = 1 / (prior0 + 2.0);
        double[] t = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            t[i] = positive[i] ? hiTarget : loTarget;
        }
        double a = 0;
        double b = Math.log((prior0 + 1.0) / (prior1 + 1.0));
        double value = loss(f, t, a, b);
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double h11 = HESSIAN_RIDGE;
            double h22 = HESSIAN_RIDGE;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < f.length; i++) {
                double p = Logistic.sigmoid(-(a * f[i] + b));
                double d2 = p * (1 - p);
                h11 += f[i] * f[i] * d2;
                h22 += d2;
                h21 += f[i] * d2;
                double d1 = t[i] - p;
                g1 += f[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < GRADIENT_TOLERANCE && Math.abs(g2) < GRADIENT_TOLERANCE) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double da = -(h22 * g1 - h21 * g2) / det;
            double db = -(-h21 * g1 + h11 * g2) / det;
            double slope = g1 * da + g2 * db;
            double step = 1;
            while (step >= MIN_STEP) {
                double next = loss(f, t, a + step * da, b + step * db);
                if (next < value + 1e-4 * step * slope) {
                    a += step * da;
                    b += step * db;
                    value = next;
                    break;
                }
                step /= 2;
            }
            if (step < MIN_STEP) {
                break;
            }
        }
        return new PlattScaler(a, b);
    }

    /** Cross-entropy of the sigmoid against targets {@code t}, written to avoid overflow. */
    private static double loss(double[] f, double[] t, double a, double b) {
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            double z = a * f[i] + b;
            sum += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
        }
        return sum;
    }
}
