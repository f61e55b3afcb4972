package org.xfer4j.repurposers.metamodel.gp;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.xfer4j.repurposers.metamodel.internal.Vectors;

/**
 * Chooses inducing points by seeded k-means: k-means++ seeding on a subsample, then a few Lloyd iterations whose
 * distances come from one matrix product each.
 */
final class InducingPoints {

    /** Rows k-means looks at; more adds time, not quality, for a few hundred centres. */
    private static final int SAMPLE_LIMIT = 2048;
    private static final int LLOYD_ITERATIONS = 3;

    private InducingPoints() {
    }

    /**
     * min(count, distinct rows) centres of the {@code n} rows of {@code x}, row-major; fewer only when the data has
     * fewer distinct rows.
     */
    static double[] centres(double[] x, int n, int width, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] sample = subsample(n, SAMPLE_LIMIT, random);
        double[] centres = plusPlus(x, sample, width, Math.min(count, sample.length), random);
        int m = centres.length / Math.max(width, 1);
        for (int iter = 0; iter < LLOYD_ITERATIONS; iter++) {
            centres = lloyd(x, sample, width, centres, m);
        }
        return centres;
    }

    /** At most {@code limit} of the indices 0..n-1, drawn with {@code random}, in ascending order. */
    static int[] subsample(int n, int limit, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= limit) {
            return all;
        }
        for (int i = 0; i < limit; i++) { // partial Fisher-Yates
            int k = i + random.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[k];
            all[k] = tmp;
        }
        int[] out = Arrays.copyOf(all, limit);
        Arrays.sort(out);
        return out;
    }

    /** k-means++: each next centre is a sample row drawn with probability proportional to its squared distance. */
    private static double[] plusPlus(double[] x, int[] sample, int width, int count, SplittableRandom random) {
        double[] nearest = new double[sample.length];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        double[] centres = new double[count * width];
        int chosen = sample[random.nextInt(sample.length)];
        int m = 0;
        while (true) {
            System.arraycopy(x, chosen * width, centres, m * width, width);
            m++;
            double total = 0;
            for (int i = 0; i < sample.length; i++) {
                nearest[i] = Math.min(nearest[i], squaredDistance(x, sample[i] * width, chosen * width, width));
                total += nearest[i];
            }
            if (m == count || total <= 0) {
                break;
            }
            double target = random.nextDouble() * total;
            int pick = -1;
            for (int i = 0; i < sample.length && target >= 0; i++) {
                if (nearest[i] > 0) {
                    pick = i;
                    target -= nearest[i];
                }
            }
            chosen = sample[pick];
        }
        return Arrays.copyOf(centres, m * width);
    }

    /** One Lloyd step: every sample row joins its nearest centre, centres move to their members' mean. */
    private static double[] lloyd(double[] x, int[] sample, int width, double[] centres, int m) {
        double[][] dots = CrossProducts.of(x, sample, centres, m, width, 0, width);
        double[] centreNorms = Vectors.squaredNorms(centres, m, width);
        double[] sums = new double[m * width];
        int[] counts = new int[m];
        for (int i = 0; i < sample.length; i++) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int k = 0; k < m; k++) {
                double d = centreNorms[k] - 2 * dots[i][k]; // |x|^2 is the same for every centre
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            counts[best]++;
            for (int j = 0, off = sample[i] * width; j < width; j++) {
                sums[best * width + j] += x[off + j];
            }
        }
        double[] next = centres.clone();
        for (int k = 0; k < m; k++) {
            if (counts[k] > 0) { // an empty cluster keeps its centre
                for (int j = 0; j < width; j++) {
                    next[k * width + j] = sums[k * width + j] / counts[k];
                }
            }
        }
        return next;
    }

    private static double squaredDistance(double[] x, int a, int b, int width) {
        double s = 0;
        for (int j = 0; j < width; j++) {
            double d = x[a + j] - x[b + j];
            s += d * d;
        }
        return s;
    }
}
