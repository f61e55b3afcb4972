package org.xfer4j.repurposers.metamodel.svm;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;

/**
 * Options of {@code svm}; names and defaults follow scikit-learn's {@code SVC}.
 *
 * @param kernel {@code linear} or {@code rbf} (key {@code kernel})
 * @param c box constraint: larger fits the training data harder (key {@code C})
 * @param gamma RBF width (key {@code gamma}); empty means {@code scale}: 1 / (features x variance of the
 *        standardised features)
 * @param tol stopping tolerance (key {@code tol}): SMO's optimality gap for rbf; the linear solver stops at a
 *        projected-gradient gap of 100 x tol (LIBLINEAR's 0.1 at the default)
 * @param maxIter cap on epochs (linear) or on SMO steps per 1000 examples (rbf) (key {@code maxIter})
 * @param plattFolds folds of the cross-validation whose held-out decision values fit the Platt scaling; 0 fits it
 *        on the training decision values (faster, overconfident) (key {@code plattFolds})
 * @param cacheMb memory for cached kernel rows, in MiB (key {@code cacheMb})
 */
public record SvmOptions(Kernel kernel, double c, OptionalDouble gamma, double tol, int maxIter, int plattFolds,
        int cacheMb) implements Options {

    /** RBF, C=1, gamma=scale, tol=1e-3, 1000 epochs or SMO steps per example, 5 Platt folds (as LIBSVM), 256 MiB. */
    public static final SvmOptions DEFAULTS = new SvmOptions(Kernel.RBF, 1.0, OptionalDouble.empty(), 1e-3, 1000, 5,
            256);
    private static final String SCALE = "scale";

    public SvmOptions {
        InvalidOptionException.require(kernel != null, "svm option kernel must be linear or rbf");
        InvalidOptionException.require(c > 0 && Double.isFinite(c), "svm option C must be a positive number, got " + c);
        InvalidOptionException.require(gamma.isEmpty() || gamma.getAsDouble() > 0 && Double.isFinite(gamma.getAsDouble()),
                "svm option gamma must be 'scale' or a positive number, got " + gamma);
        InvalidOptionException.require(tol > 0 && Double.isFinite(tol), "svm option tol must be positive, got " + tol);
        InvalidOptionException.require(maxIter >= 1, "svm option maxIter must be at least 1, got " + maxIter);
        InvalidOptionException.require(plattFolds == 0 || plattFolds >= 2,
                "svm option plattFolds must be 0 (no cross-validation) or at least 2, got " + plattFolds);
        InvalidOptionException.require(cacheMb >= 1, "svm option cacheMb must be at least 1, got " + cacheMb);
    }

    /** Options from key=value properties; missing keys take {@link #DEFAULTS}. */
    public static SvmOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("svm", properties);
        Kernel kernel = r.getEnum("kernel", Kernel.class, DEFAULTS.kernel);
        double c = r.getDouble("C", DEFAULTS.c);
        String gammaText = r.getString("gamma", SCALE);
        OptionalDouble gamma;
        if (gammaText.equalsIgnoreCase(SCALE)) {
            gamma = OptionalDouble.empty();
        } else {
            gamma = OptionalDouble.of(r.getDouble("gamma", Double.NaN));
        }
        SvmOptions o = new SvmOptions(kernel, c, gamma, r.getDouble("tol", DEFAULTS.tol),
                r.getInt("maxIter", DEFAULTS.maxIter), r.getInt("plattFolds", DEFAULTS.plattFolds),
                r.getInt("cacheMb", DEFAULTS.cacheMb));
        r.finish();
        return o;
    }

    /** The RBF width for standardised features of {@code width} columns whose overall variance is {@code variance}. */
    double gammaFor(int width, double variance) {
        return gamma.orElse(1 / (width * (variance > 0 ? variance : 1)));
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kernel", kernel.name().toLowerCase(Locale.ROOT));
        p.put("C", Double.toString(c));
        p.put("gamma", gamma.isPresent() ? Double.toString(gamma.getAsDouble()) : SCALE);
        p.put("tol", Double.toString(tol));
        p.put("maxIter", Integer.toString(maxIter));
        p.put("plattFolds", Integer.toString(plattFolds));
        p.put("cacheMb", Integer.toString(cacheMb));
        return p;
    }

    @Override
    public Map<String, String> help() {
        return Map.of("kernel", "linear or rbf",
                "C", "box constraint: larger fits the training data harder",
                "gamma", "RBF width, or scale: 1 / (features x feature variance)",
                "tol", "stopping tolerance of the solver",
                "maxIter", "cap on epochs (linear) or SMO steps per 1000 examples (rbf)",
                "plattFolds", "cross-validation folds fitting the Platt scaling; 0 fits it on the training data",
                "cacheMb", "memory for cached kernel rows, MiB");
    }
}
