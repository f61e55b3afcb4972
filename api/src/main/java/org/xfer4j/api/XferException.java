package org.xfer4j.api;

/** The root of Xfer4j's errors; its message names the file, layer, shape or option at fault. */
public class XferException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public XferException(String message) {
        super(message);
    }

    public XferException(String message, Throwable cause) {
        super(message, cause);
    }
}
