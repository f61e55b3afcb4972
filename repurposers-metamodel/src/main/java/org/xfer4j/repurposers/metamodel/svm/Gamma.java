package org.xfer4j.repurposers.metamodel.svm;

import java.util.Locale;
import org.xfer4j.api.InvalidOptionException;

/** The RBF width of {@code svm}: a number, {@code scale} (1 / (features x variance)) or {@code auto} (chosen by CV). */
public sealed interface Gamma {

    /** A width the user gave. */
    record Fixed(double value) implements Gamma {
        public Fixed {
            InvalidOptionException.require(value > 0 && Double.isFinite(value),
                    "svm option gamma must be auto, scale or a positive number, got " + value);
        }

        @Override
        public String text() {
            return Double.toString(value);
        }
    }

    /** A width derived from or chosen on the training data. */
    enum Rule implements Gamma {
        /** scikit-learn's gamma='scale': 1 / (features x variance of the standardised features). */
        SCALE,
        /** Chosen by cross-validated log-loss on the training data, around {@code scale}. */
        AUTO;

        @Override
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The value as the option reads it. */
    String text();

    /** The width {@code text} names. */
    static Gamma parse(String text) {
        String t = text.trim();
        for (Rule r : Rule.values()) {
            if (r.text().equalsIgnoreCase(t)) {
                return r;
            }
        }
        try {
            return new Fixed(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new InvalidOptionException("svm option gamma must be auto, scale or a positive number, got '"
                    + text + "'");
        }
    }
}
