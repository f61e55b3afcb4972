package org.xfer4j.repurposers.metamodel.internal;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, stopping like SciPy's L-BFGS-B: on a small largest
 * gradient component, a small relative decrease of the objective, or an iteration cap.
 */
public final class Lbfgs {

    /** Relative objective decrease below which the search stops (SciPy's default factr times machine epsilon). */
    public static final double DEFAULT_FTOL = 2.220446049250313e-9;
    private static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 40;

    /** Where the search ended. */
    public record Result(double[] x, double value, int iterations, boolean converged) {
    }

    private final int maxIterations;
    private final double gradientTolerance;
    private final double relativeTolerance;

    /**
     * @param maxIterations iteration cap
     * @param gradientTolerance stop when every gradient component is at most this in absolute value
     * @param relativeTolerance stop when an iteration lowers the objective by at most this fraction
     */
    public Lbfgs(int maxIterations, double gradientTolerance, double relativeTolerance) {
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.relativeTolerance = relativeTolerance;
    }

    /** Minimises {@code f} from {@code start} (not modified). */
    public Result minimize(DifferentiableFunction f, double[] start) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        double[][] s = new double[MEMORY][n];
        double[][] y = new double[MEMORY][n];
        double[] rho = new double[MEMORY];
        double[] alpha = new double[MEMORY];
        double[] direction = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        int stored = 0;
        int newest = -1;
        for (int iter = 0; iter < maxIterations; iter++) {
            if (maxAbs(g) <= gradientTolerance) {
                return new Result(x, fx, iter, true);
            }
            twoLoop(g, s, y, rho, alpha, stored, newest, direction);
            double slope = dot(g, direction);
            if (slope >= 0) { // not a descent direction: forget the curvature pairs and go downhill
                for (int i = 0; i < n; i++) {
                    direction[i] = -g[i];
                }
                slope = -dot(g, g);
                stored = 0;
            }
            double step = stored == 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int b = 0; b < MAX_BACKTRACKS; b++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * direction[i];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                if (fNew <= fx + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                return new Result(x, fx, iter, true); // no decrease representable: at the optimum within rounding
            }
            int slot = (newest + 1) % MEMORY;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                s[slot][i] = xNew[i] - x[i];
                y[slot][i] = gNew[i] - g[i];
                sy += s[slot][i] * y[slot][i];
            }
            if (sy > 1e-12 * Math.sqrt(dot(s[slot], s[slot]) * dot(y[slot], y[slot]))) {
                rho[slot] = 1 / sy;
                newest = slot;
                stored = Math.min(stored + 1, MEMORY);
            }
            double decrease = (fx - fNew) / Math.max(Math.max(Math.abs(fx), Math.abs(fNew)), 1);
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (decrease <= relativeTolerance) {
                return new Result(x, fx, iter + 1, true);
            }
        }
        return new Result(x, fx, maxIterations, maxAbs(g) <= gradientTolerance);
    }

    /** The L-BFGS two-loop recursion: direction = -H g from the stored pairs, newest first. */
    private static void twoLoop(double[] g, double[][] s, double[][] y, double[] rho, double[] alpha, int stored,
            int newest, double[] direction) {
        int n = g.length;
        for (int i = 0; i < n; i++) {
            direction[i] = -g[i];
        }
        for (int k = 0, slot = newest; k < stored; k++, slot = (slot - 1 + MEMORY) % MEMORY) {
            alpha[slot] = rho[slot] * dot(s[slot], direction);
            axpy(-alpha[slot], y[slot], direction);
        }
        if (stored > 0) {
            double gamma = 1 / (rho[newest] * dot(y[newest], y[newest]));
            for (int i = 0; i < n; i++) {
                direction[i] *= gamma;
            }
        }
        int oldest = (newest - stored + 1 + MEMORY) % MEMORY;
        for (int k = 0, slot = oldest; k < stored; k++, slot = (slot + 1) % MEMORY) {
            double beta = rho[slot] * dot(y[slot], direction);
            axpy(alpha[slot] - beta, s[slot], direction);
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }
}
