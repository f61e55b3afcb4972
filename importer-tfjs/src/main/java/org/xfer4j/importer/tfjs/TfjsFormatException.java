package org.xfer4j.importer.tfjs;

import org.xfer4j.api.InvalidInputException;

/** A TF.js model file is malformed or inconsistent (bad JSON, missing weights, short shards); names the file. */
public final class TfjsFormatException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public TfjsFormatException(String message) {
        super(message);
    }

    public TfjsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
