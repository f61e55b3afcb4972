package org.xfer4j.data.registry;

import org.xfer4j.api.XferException;

/** A package could not be fetched or unpacked; the message names the package and what failed. */
public final class FetchException extends XferException {

    private static final long serialVersionUID = 1L;

    public FetchException(String message) {
        super(message);
    }

    public FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
