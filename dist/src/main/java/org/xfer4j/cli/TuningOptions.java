package org.xfer4j.cli;

import java.util.Locale;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.core.FitSettings;
import org.xfer4j.core.calibration.Calibration;
import org.xfer4j.core.tuning.Objective;
import org.xfer4j.core.tuning.Strategy;
import org.xfer4j.core.tuning.TuningSettings;
import picocli.CommandLine.Option;

/** Command-line options of the hyper-parameter search ({@code -o key=auto}) and of post-hoc calibration. */
final class TuningOptions {

    @Option(names = "--hpo", defaultValue = "bayes",
            description = "How options marked auto or given a range on the command line (-o C=auto, "
                    + "-o C=log:0.01..100, -o kernel=choice:linear,rbf) are searched: bayes (Gaussian-process "
                    + "surrogate, expected improvement), random or grid (even points per option). Options left "
                    + "at a default of auto are chosen by the method itself, without --hpo. Default ${DEFAULT-VALUE}.")
    String strategy;

    @Option(names = "--hpo-evaluations", defaultValue = "20",
            description = "Settings the search evaluates, each by k-fold cross-validation. Default ${DEFAULT-VALUE}.")
    int evaluations;

    @Option(names = "--hpo-folds", defaultValue = "5",
            description = "Stratified folds of the search's and the calibration's cross-validation on the training "
                    + "data; every class needs at least this many examples. Default ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--hpo-objective", defaultValue = "log-loss",
            description = "What the search optimises: log-loss or accuracy. Default ${DEFAULT-VALUE}.")
    String objective;

    @Option(names = "--calibrate", defaultValue = "none",
            description = "Post-hoc calibration of the probabilities: none or temperature (one temperature fitted "
                    + "on cross-validated predictions of the training data). Default ${DEFAULT-VALUE}.")
    String calibrate;

    /** The settings these options describe. */
    FitSettings settings() {
        String c = calibrate.trim().toLowerCase(Locale.ROOT);
        if (!c.equals("none") && !c.equals(Calibration.METHOD)) {
            throw new InvalidOptionException("--calibrate must be none or temperature, got '" + calibrate + "'");
        }
        return new FitSettings(new TuningSettings(Strategy.parse(strategy), evaluations, folds,
                Objective.parse(objective)), c.equals(Calibration.METHOD));
    }
}
