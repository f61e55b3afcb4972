package org.xfer4j.api.meta;

import java.util.Objects;
import org.xfer4j.api.data.Dataset;

/** One few-shot task: a support set to adapt on and a query set to evaluate the adapted model on. */
public record Task(Dataset support, Dataset query) {
    public Task {
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(query, "query");
    }
}
