package org.xfer4j.core.tuning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evaluation of a search: the searched options' values, the cross-validated score (log-loss or accuracy, as
 * the objective says) and how long the k fits and predictions took; or why it failed.
 *
 * @param index 0-based position in the search
 * @param options the searched options' values (the fixed ones are the same for every trial)
 * @param score the objective's score, NaN when the trial failed
 * @param millis wall-clock time of the cross-validation
 * @param failure the error message of a failed trial, or null
 */
public record Trial(int index, Map<String, String> options, double score, long millis, String failure) {

    public Trial {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Whether the options could be evaluated. */
    public boolean succeeded() {
        return failure == null;
    }
}
