package org.xfer4j.repurposers.finetune;

import org.xfer4j.api.model.SourceModel;
import org.xfer4j.testkit.GraphRepurposerContract;

/** The graph repurposer contract over {@link TinySource}. */
abstract class TinySourceContract extends GraphRepurposerContract {

    private static final SourceModel SOURCE = TinySource.create();

    @Override
    protected SourceModel source() {
        return SOURCE;
    }
}
