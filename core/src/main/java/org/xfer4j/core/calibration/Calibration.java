package org.xfer4j.core.calibration;

import java.util.Map;
import java.util.TreeMap;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.core.tuning.CrossValidation;
import org.xfer4j.core.tuning.Fitter;
import org.xfer4j.core.tuning.StratifiedFolds;

/**
 * A fitted temperature and what it did to the held-out predictions it was fitted on: their evaluation before and
 * after scaling (NLL and ECE are what change; accuracy cannot).
 *
 * @param temperature the fitted temperature
 * @param folds the folds whose out-of-fold predictions it was fitted on
 * @param before the held-out predictions' evaluation unscaled
 * @param after the same predictions scaled
 */
public record Calibration(Temperature temperature, int folds, Evaluation before, Evaluation after) {

    /** The method's name in artifacts and on the command line. */
    public static final String METHOD = "temperature";

    /**
     * Fits a temperature on out-of-fold predictions of {@code training}: each example is predicted by the method
     * fitted with {@code options} on the other {@code folds} - 1 folds (seeded, stratified), so every training
     * example serves as held-out data once and the final model is still trained on all of them.
     *
     * @throws InvalidInputException naming the class when a class has fewer examples than folds
     */
    public static Calibration crossValidated(Fitter fitter, FeatureSet training, Map<String, String> options,
            int folds, long seed) {
        training.requireTrainable();
        Predictions heldOut = CrossValidation.outOfFold(fitter, training, options,
                StratifiedFolds.split(training, folds, seed));
        return of(heldOut, training.labels(), folds);
    }

    /** Fits a temperature on {@code heldOut} predictions the caller made itself; {@code folds} is 0 for a split. */
    public static Calibration of(Predictions heldOut, int[] labels, int folds) {
        Temperature t = TemperatureFit.fit(heldOut, labels);
        return new Calibration(t, folds, Metrics.evaluate(heldOut, labels), Metrics.evaluate(t.apply(heldOut), labels));
    }

    /** The calibration as key=value properties (the artifact's calibration entry). */
    public Map<String, String> toProperties() {
        Map<String, String> p = new TreeMap<>();
        p.put("method", METHOD);
        p.put("temperature", Double.toString(temperature.value()));
        p.put("folds", Integer.toString(folds));
        put(p, "before.", before);
        put(p, "after.", after);
        return p;
    }

    /** A calibration read back from {@link #toProperties()}; {@code file} names the artifact in errors. */
    public static Calibration fromProperties(Map<String, String> p, String file) {
        String method = p.get("method");
        if (!METHOD.equals(method)) {
            throw new InvalidInputException("artifact " + file + " asks for calibration method '" + method
                    + "', which this Xfer4j does not know (it knows " + METHOD + ")");
        }
        try {
            return new Calibration(new Temperature(Double.parseDouble(required(p, "temperature", file))),
                    Integer.parseInt(required(p, "folds", file)), evaluation(p, "before.", file),
                    evaluation(p, "after.", file));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("artifact " + file + " has an invalid calibration entry: "
                    + e.getMessage(), e);
        }
    }

    private static void put(Map<String, String> p, String prefix, Evaluation e) {
        p.put(prefix + "accuracy", Double.toString(e.accuracy()));
        p.put(prefix + "macroF1", Double.toString(e.macroF1()));
        p.put(prefix + "nll", Double.toString(e.nll()));
        p.put(prefix + "ece", Double.toString(e.ece()));
        p.put(prefix + "brier", Double.toString(e.brier()));
    }

    private static Evaluation evaluation(Map<String, String> p, String prefix, String file) {
        return new Evaluation(Double.parseDouble(required(p, prefix + "accuracy", file)),
                Double.parseDouble(required(p, prefix + "macroF1", file)),
                Double.parseDouble(required(p, prefix + "nll", file)),
                Double.parseDouble(required(p, prefix + "ece", file)),
                Double.parseDouble(required(p, prefix + "brier", file)));
    }

    private static String required(Map<String, String> p, String key, String file) {
        String v = p.get(key);
        if (v == null) {
            throw new InvalidInputException("artifact " + file + ": calibration entry lacks " + key);
        }
        return v;
    }
}
