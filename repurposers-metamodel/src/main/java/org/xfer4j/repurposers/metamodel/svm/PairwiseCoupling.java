package org.xfer4j.repurposers.metamodel.svm;

import java.util.Arrays;

/**
 * Class probabilities from pairwise ones: finds p minimising sum over pairs (i, j) of
 * (r_ji p_i - r_ij p_j)^2 with p summing to 1 (Wu, Lin and Weng, 2004, method 2), by its fixed-point iteration.
 * Pairs are ordered (0,1), (0,2), ..., (1,2), ...; r of a pair (a, b) is the probability of b.
 */
final class PairwiseCoupling {

    private PairwiseCoupling() {
    }

    /** Number of pairs of {@code classes} classes. */
    static int pairs(int classes) {
        return classes * (classes - 1) / 2;
    }

    /** Class probabilities from each pair's probability of its second class. */
    static double[] probabilities(double[] secondOfPair, int k) {
        if (k == 2) {
            return new double[] {1 - secondOfPair[0], secondOfPair[0]};
        }
        double[][] r = new double[k][k]; // r[i][j] = P(i | i or j)
        for (int a = 0, pair = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++, pair++) {
                double p = Math.min(Math.max(secondOfPair[pair], 1e-7), 1 - 1e-7);
                r[b][a] = p;
                r[a][b] = 1 - p;
            }
        }
        double[][] q = new double[k][k];
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < k; j++) {
                if (j != t) {
                    q[t][t] += r[j][t] * r[j][t];
                    q[t][j] = -r[j][t] * r[t][j];
                }
            }
        }
        double[] p = new double[k];
        Arrays.fill(p, 1.0 / k);
        double[] qp = new double[k];
        int maxIterations = Math.max(100, k);
        for (int iter = 0; iter < maxIterations; iter++) {
            double pqp = 0;
            for (int t = 0; t < k; t++) {
                qp[t] = 0;
                for (int j = 0; j < k; j++) {
                    qp[t] += q[t][j] * p[j];
                }
                pqp += p[t] * qp[t];
            }
            double maxError = 0;
            for (int t = 0; t < k; t++) {
                maxError = Math.max(maxError, Math.abs(qp[t] - pqp));
            }
            if (maxError < 0.005 / k) {
                break;
            }
            for (int t = 0; t < k; t++) {
                double diff = (-qp[t] + pqp) / q[t][t];
                p[t] += diff;
                pqp = (pqp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
                for (int j = 0; j < k; j++) {
                    qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
                    p[j] /= 1 + diff;
                }
            }
        }
        return p;
    }
}
