package org.xfer4j.api;

/** Data handed to Xfer4j is unusable: a wrong shape, NaN values, an empty or one-class dataset, a corrupt file. */
public class InvalidInputException extends XferException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
