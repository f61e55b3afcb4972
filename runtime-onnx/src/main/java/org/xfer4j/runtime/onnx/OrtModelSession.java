package org.xfer4j.runtime.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.xfer4j.api.XferException;

/**
 * An ONNX Runtime session together with the options it was built from; closing it releases both. The sessions open
 * in the process are counted, so tests can check that work closes what it opens.
 */
public final class OrtModelSession implements AutoCloseable {

    private static final AtomicInteger OPEN = new AtomicInteger();

    private final OrtSession session;
    private final OrtSession.SessionOptions options;
    private final AtomicBoolean closed = new AtomicBoolean();

    OrtModelSession(OrtSession session, OrtSession.SessionOptions options) {
        this.session = session;
        this.options = options;
        OPEN.incrementAndGet();
    }

    /** How many sessions opened through {@link OrtRuntime} are not closed yet. */
    public static int open() {
        return OPEN.get();
    }

    /** The session; valid until {@link #close()}. */
    public OrtSession session() {
        return session;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OPEN.decrementAndGet();
        try {
            session.close();
        } catch (OrtException e) {
            throw new XferException("cannot close ONNX Runtime session: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
