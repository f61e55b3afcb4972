package org.xfer4j.repurposers.metamodel.lr;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;

/**
 * Options of {@code lr}; the penalty and stopping rule follow scikit-learn's {@code LogisticRegression(solver=lbfgs)}.
 *
 * @param c inverse L2 strength (key {@code C}): the objective is the summed log-loss plus ||W||^2 / (2C)
 * @param maxIter L-BFGS iteration cap (key {@code maxIter})
 * @param tol stop when every component of the summed-loss gradient is at most this (key {@code tol})
 */
public record LrOptions(double c, int maxIter, double tol) implements Options {

    /** scikit-learn's defaults: C=1, 100 iterations, tolerance 1e-4. */
    public static final LrOptions DEFAULTS = new LrOptions(1.0, 100, 1e-4);

    public LrOptions {
        InvalidOptionException.require(c > 0 && Double.isFinite(c), "lr option C must be a positive number, got " + c);
        InvalidOptionException.require(maxIter >= 1, "lr option maxIter must be at least 1, got " + maxIter);
        InvalidOptionException.require(tol > 0 && Double.isFinite(tol), "lr option tol must be positive, got " + tol);
    }

    /** Options from key=value properties; missing keys take {@link #DEFAULTS}. */
    public static LrOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("lr", properties);
        LrOptions o = new LrOptions(r.getDouble("C", DEFAULTS.c), r.getInt("maxIter", DEFAULTS.maxIter),
                r.getDouble("tol", DEFAULTS.tol));
        r.finish();
        return o;
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("C", Double.toString(c));
        p.put("maxIter", Integer.toString(maxIter));
        p.put("tol", Double.toString(tol));
        return p;
    }

    @Override
    public Map<String, String> help() {
        return Map.of("C", "inverse L2 penalty strength: larger fits the training data harder",
                "maxIter", "L-BFGS iteration cap",
                "tol", "stop when every gradient component is at most this");
    }
}
