package org.xfer4j.meta.learners;

import java.util.Set;
import org.xfer4j.api.data.Dataset;

/** Runs the inner loop of one task from given parameters. */
interface TaskRunner extends AutoCloseable {

    /** Adapts {@code theta} on {@code support}; scores on {@code query} where it is not null. */
    Outcome adapt(Flat theta, Dataset support, Dataset query, InnerLoop loop, Set<Need> needs);

    @Override
    void close();
}
