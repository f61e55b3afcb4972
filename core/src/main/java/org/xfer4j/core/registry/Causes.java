package org.xfer4j.core.registry;

/** Turns an exception into one line that keeps the messages of its causes, which usually say what is wrong. */
final class Causes {

    private Causes() {
    }

    /** The message of {@code e} followed by those of its causes, joined by ": ". */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            sb.append(": ").append(t.getMessage());
        }
        return sb.toString();
    }
}
