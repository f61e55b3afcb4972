package org.xfer4j.runtime.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.xfer4j.api.XferException;

/** An ONNX Runtime session together with the options it was built from; closing it releases both. */
public final class OrtModelSession implements AutoCloseable {

    private final OrtSession session;
    private final OrtSession.SessionOptions options;

    OrtModelSession(OrtSession session, OrtSession.SessionOptions options) {
        this.session = session;
        this.options = options;
    }

    /** The session; valid until {@link #close()}. */
    public OrtSession session() {
        return session;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new XferException("cannot close ONNX Runtime session: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
