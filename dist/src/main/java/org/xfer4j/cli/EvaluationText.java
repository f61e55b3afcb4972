package org.xfer4j.cli;

import java.util.Locale;
import org.xfer4j.core.metrics.Evaluation;

/** How the commands print an evaluation: the metrics on one line, then any labels the model was never trained on. */
final class EvaluationText {

    private EvaluationText() {
    }

    /**
     * Prints {@code e} of {@code examples} examples of {@code data} (as the user named it) after {@code heading}, and a
     * note naming the labels the model never saw, with their counts, and how they were scored.
     */
    static void print(String heading, String data, int examples, Evaluation e) {
        System.out.printf(Locale.ROOT, "%s: accuracy %.4f  macro-F1 %.4f  NLL %.4f  ECE %.4f  Brier %.4f%n", heading,
                e.accuracy(), e.macroF1(), e.nll(), e.ece(), e.brier());
        if (e.unseenExamples() > 0) {
            System.out.printf(Locale.ROOT, "note: %d of %d examples of %s have labels the model was never trained on: "
                    + "%s; every metric above counts them as wrong (probability 0 for their label)%n",
                    e.unseenExamples(), examples, data, e.unseenSummary());
        }
    }
}
