package org.xfer4j.core.tuning;

import java.util.Locale;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.core.metrics.Evaluation;

/** What a search optimises, measured on cross-validated predictions of the training part. */
public enum Objective {
    /** The mean negative log-likelihood of the true class (lower is better): rewards calibrated probabilities. */
    LOG_LOSS,
    /** The fraction classified correctly (higher is better). */
    ACCURACY;

    /** The score reported for {@code e}: its log-loss or its accuracy. */
    public double score(Evaluation e) {
        return this == LOG_LOSS ? e.nll() : e.accuracy();
    }

    /** The value the search minimises: the log-loss, or one minus the accuracy. */
    public double loss(Evaluation e) {
        return this == LOG_LOSS ? e.nll() : 1 - e.accuracy();
    }

    /** The name users type: {@code log-loss} or {@code accuracy}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The objective named {@code text} ({@code log-loss} or {@code accuracy}). */
    public static Objective parse(String text) {
        for (Objective o : values()) {
            if (o.label().equalsIgnoreCase(text.trim())) {
                return o;
            }
        }
        throw new InvalidOptionException("search objective must be log-loss or accuracy, got '" + text + "'");
    }
}
