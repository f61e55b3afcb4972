package org.xfer4j.repurposers.metamodel.testdata;

import org.xfer4j.api.Progress;

/** A progress listener whose caller has already cancelled, to check that long fits stop. */
public final class CancelledProgress implements Progress {

    @Override
    public void start(String task, long total) {
    }

    @Override
    public void advance(long done) {
    }

    @Override
    public boolean isCancelled() {
        return true;
    }
}
