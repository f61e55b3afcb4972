package org.xfer4j.api;

/** Receives progress of long work and lets the caller cancel it. */
public interface Progress {

    /** Ignores progress and never cancels. */
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long done) {
        }
    };

    /** A task of {@code total} units begins (total may be -1 when unknown). */
    void start(String task, long total);

    /** {@code done} more units of the current task are finished. */
    void advance(long done);

    /** The current task is finished. */
    default void finish() {
    }

    /** Whether the caller asked to stop; long loops check this between batches. */
    default boolean isCancelled() {
        return false;
    }

    /** Throws {@link CancelledException} when cancelled. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** Long work stopped because its caller cancelled it. */
    final class CancelledException extends XferException {
        private static final long serialVersionUID = 1L;

        public CancelledException() {
            super("cancelled");
        }
    }
}
