package org.xfer4j.data.json;

import org.xfer4j.api.InvalidInputException;

/** Text that should be JSON (or a JavaScript object literal) is not; the message names the source and position. */
public final class JsonSyntaxException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** An error whose message says what is wrong and where. */
    public JsonSyntaxException(String message) {
        super(message);
    }
}
