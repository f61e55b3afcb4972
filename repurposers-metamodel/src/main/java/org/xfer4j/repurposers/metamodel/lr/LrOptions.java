package org.xfer4j.repurposers.metamodel.lr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;
import org.xfer4j.repurposers.metamodel.internal.AutoValue;

/**
 * Options of {@code lr}; the penalty and stopping rule follow scikit-learn's {@code LogisticRegression(solver=lbfgs)},
 * except that C is chosen on the training data unless given.
 *
 * @param c inverse L2 strength (key {@code C}): the objective is the summed log-loss plus ||W||^2 / (2C); empty
 *        means {@code auto}, chosen by cross-validated log-loss on the training data (see {@link LrProvider})
 * @param maxIter L-BFGS iteration cap (key {@code maxIter})
 * @param tol stop when every component of the summed-loss gradient is at most this (key {@code tol})
 */
public record LrOptions(OptionalDouble c, int maxIter, double tol) implements Options {

    /** C=auto, 100 iterations, tolerance 1e-4 (scikit-learn's iterations and tolerance). */
    public static final LrOptions DEFAULTS = new LrOptions(OptionalDouble.empty(), 100, 1e-4);

    public LrOptions {
        InvalidOptionException.require(c != null, "lr option C must be auto or a positive number");
        InvalidOptionException.require(c.isEmpty() || c.getAsDouble() > 0 && Double.isFinite(c.getAsDouble()),
                "lr option C must be auto or a positive number, got " + c);
        InvalidOptionException.require(maxIter >= 1, "lr option maxIter must be at least 1, got " + maxIter);
        InvalidOptionException.require(tol > 0 && Double.isFinite(tol), "lr option tol must be positive, got " + tol);
    }

    /** Options with a fixed C and the other defaults. */
    public static LrOptions withC(double c) {
        return new LrOptions(OptionalDouble.of(c), DEFAULTS.maxIter, DEFAULTS.tol);
    }

    /** Options from key=value properties; missing keys take {@link #DEFAULTS}. */
    public static LrOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("lr", properties);
        LrOptions o = new LrOptions(AutoValue.read(r, "C"), r.getInt("maxIter", DEFAULTS.maxIter),
                r.getDouble("tol", DEFAULTS.tol));
        r.finish();
        return o;
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("C", AutoValue.text(c));
        p.put("maxIter", Integer.toString(maxIter));
        p.put("tol", Double.toString(tol));
        return p;
    }

    @Override
    public Map<String, String> help() {
        return Map.of("C", "inverse L2 penalty strength (larger fits the training data harder); auto: chosen by "
                        + "3-fold cross-validated log-loss over 1e-3..1e3 on the training data",
                "maxIter", "L-BFGS iteration cap",
                "tol", "stop when every gradient component is at most this");
    }
}
