package org.xfer4j.evaluation.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Wilcoxon signed-rank test of paired differences: zero differences are dropped, absolute differences ranked
 * with mid-ranks for ties; the two-sided p-value is exact (enumerating every sign pattern's rank sum) for up to
 * {@value #EXACT_UP_TO} pairs, else from the normal approximation with tie correction.
 *
 * @param n pairs with a non-zero difference
 * @param wPlus sum of the ranks of positive differences
 * @param p two-sided p-value (1 when n is 0)
 * @param effectSize matched-pairs rank-biserial correlation (W+ - W-) / (W+ + W-), in [-1, 1]
 */
public record WilcoxonSignedRank(int n, double wPlus, double p, double effectSize) {

    /** Largest n for the exact distribution (2^n sign patterns counted by dynamic programming over rank sums). */
    public static final int EXACT_UP_TO = 50;

    /** The test of {@code differences} (a - b per pair). */
    public static WilcoxonSignedRank of(double[] differences) {
        double[] d = Arrays.stream(differences).filter(v -> v != 0 && !Double.isNaN(v)).toArray();
        int n = d.length;
        if (n == 0) {
            return new WilcoxonSignedRank(0, 0, 1, 0);
        }
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> Math.abs(d[i])))
                .toArray(Integer[]::new);
        double[] ranks = new double[n];
        double tieTerm = 0;
        boolean ties = false;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && Math.abs(d[order[j + 1]]) == Math.abs(d[order[i]])) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = mid;
            }
            int t = j - i + 1;
            ties |= t > 1;
            tieTerm += (double) t * t * t - t;
            i = j + 1;
        }
        double wPlus = 0;
        for (int i = 0; i < n; i++) {
            wPlus += d[i] > 0 ? ranks[i] : 0;
        }
        double total = n * (n + 1) / 2.0;
        double effect = (wPlus - (total - wPlus)) / total;
        double p = n <= EXACT_UP_TO ? exact(ranks, wPlus, total) : normal(n, wPlus, tieTerm, ties);
        return new WilcoxonSignedRank(n, wPlus, Math.min(1, p), effect);
    }

    /** P(|W+ - mean| >= |observed - mean|) over all 2^n sign patterns; ranks doubled so mid-ranks are integers. */
    private static double exact(double[] ranks, double wPlus, double total) {
        int[] r = Arrays.stream(ranks).mapToInt(v -> (int) Math.round(2 * v)).toArray();
        int max = Arrays.stream(r).sum();
        double[] count = new double[max + 1];
        count[0] = 1;
        for (int v : r) {
            for (int s = max; s >= v; s--) {
                count[s] += count[s - v];
            }
        }
        double patterns = Math.pow(2, r.length);
        double observed = Math.abs(2 * wPlus - total);
        double tail = 0;
        for (int s = 0; s <= max; s++) {
            if (Math.abs(s - total) >= observed - 1e-9) {
                tail += count[s];
            }
        }
        return tail / patterns;
    }

    private static double normal(int n, double wPlus, double tieTerm, boolean ties) {
        double mean = n * (n + 1) / 4.0;
        double var = n * (n + 1) * (2.0 * n + 1) / 24.0 - (ties ? tieTerm / 48.0 : 0);
        double z = (Math.abs(wPlus - mean) - 0.5) / Math.sqrt(var);
        return 2 * (1 - NormalCdf.phi(Math.max(0, z)));
    }
}
