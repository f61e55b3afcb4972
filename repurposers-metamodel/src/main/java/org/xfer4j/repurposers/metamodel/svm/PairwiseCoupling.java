package org.xfer4j.repurposers.metamodel.svm;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.repurpose.OnnxHead;

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

    /**
     * Writes {@link #probabilities} for every row of {@code secondOfPair} ([N, pairs] float64) as ONNX operators: the
     * same fixed-point iteration, unrolled over the classes inside a Loop, each row stopping at the iteration where
     * predict stops it (rows that have converged keep their probabilities while others go on).
     */
    static String exportOnnx(OnnxHead h, String secondOfPair, int k) {
        if (k == 2) {
            return h.op("Concat", Map.of("axis", 1L), h.op("Sub", h.constant(new double[] {1}), secondOfPair),
                    secondOfPair);
        }
        int pairs = pairs(k);
        double[] toLower = new double[pairs * k * k]; // r[b][a] = p of pair (a, b)
        double[] toUpper = new double[pairs * k * k]; // r[a][b] = 1 - p
        for (int a = 0, pair = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++, pair++) {
                toLower[pair * k * k + b * k + a] = 1;
                toUpper[pair * k * k + a * k + b] = 1;
            }
        }
        String p = h.op("Min", h.op("Max", secondOfPair, h.constant(new double[] {1e-7})),
                h.constant(new double[] {1 - 1e-7}));
        String flat = h.op("Add", h.op("MatMul", p, h.constant(toLower, pairs, (long) k * k)),
                h.op("MatMul", h.op("Sub", h.constant(new double[] {1}), p), h.constant(toUpper, pairs,
                        (long) k * k)));
        String r = h.op("Reshape", flat, h.constantInts(new long[] {-1, k, k}, 3));
        String rt = h.op("Transpose", Map.of("perm", new long[] {0, 2, 1}), r); // rt[t][j] = r[j][t]
        String diagonal = h.reduce("ReduceSum", h.op("Mul", r, r), false, 1); // q[t][t], [N, k]
        double[] eye = new double[k * k];
        for (int t = 0; t < k; t++) {
            eye[t * k + t] = 1;
        }
        String q = h.op("Add", h.op("Neg", h.op("Mul", rt, r)), h.op("Mul", h.op("Unsqueeze", diagonal,
                h.constantInts(new long[] {2}, 1)), h.constant(eye, k, k)));
        double[] uniform = new double[k];
        Arrays.fill(uniform, 1.0 / k);
        String ones = h.op("Add", h.op("Mul", h.columns(secondOfPair, 0, 1), h.constant(new double[] {0})),
                h.constant(new double[] {1})); // [N, 1] of ones: features are finite, so 0 * value is 0
        String start = h.op("Mul", ones, h.constant(uniform, 1, k));
        String active = h.op("Squeeze", ones, h.constantInts(new long[] {1}, 1));
        List<String> out = h.loop(Math.max(100, k), List.of(start, active), (b, carried) -> {
            String prob = carried.get(0);
            String qp = b.op("Squeeze", b.op("MatMul", q, b.op("Unsqueeze", prob, b.constantInts(new long[] {2}, 1))),
                    b.constantInts(new long[] {2}, 1));
            String pqp = b.reduce("ReduceSum", b.op("Mul", prob, qp), true, 1);
            String maxError = b.reduce("ReduceMax", b.op("Abs", b.op("Sub", qp, pqp)), false, 1);
            String going = b.op("Mul", carried.get(1), b.op("Cast", Map.of("to", 11L), b.op("Not",
                    b.op("Less", maxError, b.constant(new double[] {0.005 / k})))));
            String next = prob;
            for (int t = 0; t < k; t++) {
                String qpt = b.columns(qp, t, t + 1);
                String qtt = b.columns(diagonal, t, t + 1);
                String diff = b.op("Div", b.op("Add", b.op("Neg", qpt), pqp), qtt);
                double[] unit = new double[k];
                unit[t] = 1;
                next = b.op("Add", next, b.op("Mul", diff, b.constant(unit, k)));
                String scale = b.op("Add", b.constant(new double[] {1}), diff);
                pqp = b.op("Div", b.op("Div", b.op("Add", pqp, b.op("Mul", diff, b.op("Add", b.op("Mul", diff, qtt),
                        b.op("Mul", b.constant(new double[] {2}), qpt)))), scale), scale);
                String row = b.op("Gather", Map.of("axis", 1L), q, b.constantInts(new long[] {t}));
                qp = b.op("Div", b.op("Add", qp, b.op("Mul", diff, row)), scale);
                next = b.op("Div", next, scale);
            }
            String keep = b.op("Cast", Map.of("to", 9L), b.op("Unsqueeze", going, b.constantInts(new long[] {1}, 1)));
            String more = b.op("Greater", b.reduce("ReduceMax", going, false), b.constant(new double[] {0.5}));
            return List.of(more, b.op("Where", keep, next, prob), going);
        });
        return out.getFirst();
    }
}
