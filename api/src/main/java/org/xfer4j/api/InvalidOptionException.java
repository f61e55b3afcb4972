package org.xfer4j.api;

/** An option is unknown, malformed or out of its valid range. */
public class InvalidOptionException extends XferException {

    private static final long serialVersionUID = 1L;

    public InvalidOptionException(String message) {
        super(message);
    }

    /** Throws when {@code ok} is false, with a message naming the option and why. */
    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidOptionException(message);
        }
    }
}
