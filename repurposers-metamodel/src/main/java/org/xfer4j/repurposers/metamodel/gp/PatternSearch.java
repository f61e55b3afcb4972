package org.xfer4j.repurposers.metamodel.gp;

import java.util.function.ToDoubleFunction;

/**
 * Maximises a function of a few parameters without derivatives (Hooke-Jeeves style compass search): tries a step
 * up and down each coordinate, keeps any improvement, and halves the step when none helps. Deterministic.
 */
final class PatternSearch {

    private static final double INITIAL_STEP = 1.0;
    private static final double MIN_STEP = 0.125;

    private final double[] lower;
    private final double[] upper;
    private final int maxEvaluations;

    /** A search within the box [lower, upper] spending at most {@code maxEvaluations} evaluations. */
    PatternSearch(double[] lower, double[] upper, int maxEvaluations) {
        this.lower = lower;
        this.upper = upper;
        this.maxEvaluations = maxEvaluations;
    }

    /** The best point found from {@code start}; the function returns -infinity where it cannot be evaluated. */
    double[] maximize(ToDoubleFunction<double[]> f, double[] start) {
        double[] best = start.clone();
        double bestValue = f.applyAsDouble(best);
        int evaluations = 1;
        double step = INITIAL_STEP;
        while (step >= MIN_STEP && evaluations < maxEvaluations) {
            boolean improved = false;
            for (int c = 0; c < best.length && evaluations < maxEvaluations; c++) {
                for (int sign = 1; sign >= -1 && evaluations < maxEvaluations; sign -= 2) {
                    double[] trial = best.clone();
                    trial[c] = Math.min(upper[c], Math.max(lower[c], trial[c] + sign * step));
                    if (trial[c] == best[c]) {
                        continue;
                    }
                    double value = f.applyAsDouble(trial);
                    evaluations++;
                    if (value > bestValue) {
                        best = trial;
                        bestValue = value;
                        improved = true;
                        break;
                    }
                }
            }
            if (!improved) {
                step /= 2;
            }
        }
        return best;
    }
}
