package org.xfer4j.api.meta;

import java.util.List;

/** The learned initialisation and the history of meta-training steps. */
public record MetaTrainingResult(Parameters initialisation, List<MetaStep> history) {
    public MetaTrainingResult {
        history = List.copyOf(history);
    }
}
