package org.xfer4j.evaluation.study;

import java.util.List;

/** The metrics every run records (a study file's {@code metrics} list may name any of them). */
final class Metric {

    /** Accuracy, macro-F1, NLL, ECE, Brier score, fit and predict time, peak heap. */
    static final List<String> NAMES = List.of("accuracy", "macroF1", "nll", "ece", "brier", "fitTime", "predictTime",
            "peakMemory");

    private Metric() {
    }
}
