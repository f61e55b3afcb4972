package org.xfer4j.repurposers.metamodel.svm;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;
import org.xfer4j.repurposers.metamodel.internal.AutoValue;

/**
 * Options of {@code svm}; names follow scikit-learn's {@code SVC}, but C and gamma are chosen on the training data
 * unless given.
 *
 * @param kernel {@code linear} or {@code rbf} (key {@code kernel})
 * @param c box constraint: larger fits the training data harder (key {@code C}); empty means {@code auto}, chosen by
 *        cross-validated log-loss on the training data (see {@link SvmProvider})
 * @param gamma RBF width (key {@code gamma}): a number, {@code scale} (1 / (features x variance of the standardised
 *        features)) or {@code auto} (chosen with C around {@code scale})
 * @param tol stopping tolerance (key {@code tol}): SMO's optimality gap for rbf; the linear solver stops at a
 *        projected-gradient gap of 100 x tol (LIBLINEAR's 0.1 at the default)
 * @param maxIter cap on epochs (linear) or on SMO steps per 1000 examples (rbf) (key {@code maxIter})
 * @param plattFolds folds of the cross-validation whose held-out decision values fit the Platt scaling; 0 fits it
 *        on the training decision values (faster, overconfident) (key {@code plattFolds})
 * @param cacheMb memory for cached kernel rows, in MiB (key {@code cacheMb})
 */
public record SvmOptions(Kernel kernel, OptionalDouble c, Gamma gamma, double tol, int maxIter, int plattFolds,
        int cacheMb) implements Options {

    /** RBF, C=auto, gamma=auto, tol=1e-3, 1000 epochs or SMO steps per example, 5 Platt folds (as LIBSVM), 256 MiB. */
    public static final SvmOptions DEFAULTS = new SvmOptions(Kernel.RBF, OptionalDouble.empty(), Gamma.Rule.AUTO,
            1e-3, 1000, 5, 256);

    public SvmOptions {
        InvalidOptionException.require(kernel != null, "svm option kernel must be linear or rbf");
        InvalidOptionException.require(c != null && (c.isEmpty() || c.getAsDouble() > 0
                && Double.isFinite(c.getAsDouble())), "svm option C must be auto or a positive number, got " + c);
        InvalidOptionException.require(gamma != null, "svm option gamma must be auto, scale or a positive number");
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
        OptionalDouble c = AutoValue.read(r, "C");
        Gamma gamma = Gamma.parse(r.getString("gamma", DEFAULTS.gamma.text()));
        SvmOptions o = new SvmOptions(kernel, c, gamma, r.getDouble("tol", DEFAULTS.tol),
                r.getInt("maxIter", DEFAULTS.maxIter), r.getInt("plattFolds", DEFAULTS.plattFolds),
                r.getInt("cacheMb", DEFAULTS.cacheMb));
        r.finish();
        return o;
    }

    /**
     * The RBF width for standardised features of {@code width} columns whose overall variance is {@code variance}:
     * the given one, else {@code scale}'s (an {@code auto} gamma has been chosen before the fit).
     */
    double gammaFor(int width, double variance) {
        return gamma instanceof Gamma.Fixed f ? f.value() : scale(width, variance);
    }

    /** scikit-learn's gamma='scale' for standardised features of {@code width} columns of overall {@code variance}. */
    static double scale(int width, double variance) {
        return 1 / (width * (variance > 0 ? variance : 1));
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kernel", kernel.name().toLowerCase(Locale.ROOT));
        p.put("C", AutoValue.text(c));
        p.put("gamma", gamma.text());
        p.put("tol", Double.toString(tol));
        p.put("maxIter", Integer.toString(maxIter));
        p.put("plattFolds", Integer.toString(plattFolds));
        p.put("cacheMb", Integer.toString(cacheMb));
        return p;
    }

    @Override
    public Map<String, String> help() {
        return Map.of("kernel", "linear or rbf",
                "C", "box constraint (larger fits the training data harder); auto: chosen by 3-fold cross-validated "
                        + "log-loss on the training data (linear 1e-3..1e2, rbf 0.1..100 with gamma)",
                "gamma", "RBF width; scale: 1 / (features x feature variance); auto: chosen with C among scale/3, "
                        + "scale, 3 scale",
                "tol", "stopping tolerance of the solver",
                "maxIter", "cap on epochs (linear) or SMO steps per 1000 examples (rbf)",
                "plattFolds", "cross-validation folds fitting the Platt scaling; 0 fits it on the training data",
                "cacheMb", "memory for cached kernel rows, MiB");
    }
}
