package org.xfer4j.core.tuning;

import java.util.List;

/**
 * Grid search: {@code points} evenly spaced positions per coordinate of the unit cube (so a log range gets points
 * evenly spaced in log), every combination in order, the last coordinate fastest; then nothing more. Along the last
 * coordinate it stops early: once {@value #PATIENCE} points in a row are worse than the best of their line, the rest
 * of that line is skipped (a regularisation strength's loss rises on both sides of one minimum, and the far side,
 * weak regularisation, is where fits are slowest).
 */
final class GridProposer implements Proposer {

    static final int PATIENCE = 2;
    private static final double SAME = 1e-6;

    private final int dimensions;
    private final int points;
    private int next;

    /** The largest grid of at most {@code evaluations} points with the same number of points per coordinate. */
    GridProposer(int dimensions, int evaluations) {
        this.dimensions = dimensions;
        this.points = Math.max(1, (int) Math.floor(Math.pow(evaluations, 1.0 / Math.max(1, dimensions)) + 1e-9));
    }

    /** How many points the grid has. */
    int size() {
        return (int) Math.pow(points, dimensions);
    }

    /** The next grid point, or null once every one was proposed. */
    @Override
    public double[] next(List<Observation> history) {
        if (next % points != 0 && lineExhausted(history)) {
            next = (next / points + 1) * points;
        }
        if (next >= size()) {
            return null;
        }
        return point(next++);
    }

    /** Whether the last {@link #PATIENCE} points of the current line are worse than the line's best. */
    private boolean lineExhausted(List<Observation> history) {
        int start = next / points * points;
        int seen = next - start;
        if (seen <= PATIENCE) {
            return false;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int k = start; k < next - PATIENCE; k++) {
            best = Math.min(best, loss(history, point(k)));
        }
        for (int k = next - PATIENCE; k < next; k++) {
            if (!(loss(history, point(k)) > best)) {
                return false;
            }
        }
        return true;
    }

    /** The loss observed at {@code u} (infinite when it failed or is missing). */
    private static double loss(List<Observation> history, double[] u) {
        for (Observation o : history) {
            boolean same = true;
            for (int d = 0; d < u.length && same; d++) {
                same = Math.abs(o.point()[d] - u[d]) < SAME;
            }
            if (same) {
                return o.loss();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private double[] point(int index) {
        double[] u = new double[dimensions];
        int k = index;
        for (int d = dimensions - 1; d >= 0; d--) {
            u[d] = points == 1 ? 0.5 : (double) (k % points) / (points - 1);
            k /= points;
        }
        return u;
    }
}
