package org.xfer4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.xfer4j.core.calibration.Calibration;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.tuning.Trial;
import org.xfer4j.core.tuning.TuningResult;

/** Prints a search trace (every evaluation: options, cross-validated score, time) and a calibration's effect. */
final class TuningSummary {

    private TuningSummary() {
    }

    static void print(TuningResult r, PrintStream out) {
        String score = "CV " + r.settings().objective().label();
        out.printf(Locale.ROOT, "%s search of %s: %d evaluations, %d-fold stratified CV on the training data, seed %d%n",
                r.settings().strategy().label(), r.method(), r.trials().size(), r.settings().folds(), r.seed());
        out.printf(Locale.ROOT, "%4s  %-40s %14s %9s%n", "#", "options", score, "ms");
        int best = r.best().index();
        for (Trial t : r.trials()) {
            out.printf(Locale.ROOT, "%4d%s %-40s %14s %9d%s%n", t.index(), t.index() == best ? "*" : " ",
                    t.options().toString(), t.succeeded() ? String.format(Locale.ROOT, "%.4f", t.score()) : "failed",
                    t.millis(), t.succeeded() ? "" : "  " + t.failure());
        }
        out.printf(Locale.ROOT, "chosen: %s (%s %.4f)%n", r.bestOptions(), score, r.best().score());
    }

    static void print(Calibration c, PrintStream out) {
        out.printf(Locale.ROOT, "temperature scaling: T = %.4f, fitted on %d-fold out-of-fold predictions of the "
                + "training data: %s%n", c.temperature().value(), c.folds(), change(c.before(), c.after()));
    }

    /** "NLL a -> b, ECE c -> d". */
    static String change(Evaluation before, Evaluation after) {
        return String.format(Locale.ROOT, "NLL %.4f -> %.4f, ECE %.4f -> %.4f", before.nll(), after.nll(),
                before.ece(), after.ece());
    }
}
