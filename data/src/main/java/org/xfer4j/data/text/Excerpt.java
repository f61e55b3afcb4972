package org.xfer4j.data.text;

/** Bounds what an error message repeats of the user's data, so a 1 MB header does not become a 1 MB message. */
final class Excerpt {

    /** Characters of data a message repeats at most. */
    static final int MAX = 200;

    private Excerpt() {
    }

    /** {@code value} as text, cut to {@link #MAX} characters and saying how long it was when cut. */
    static String of(Object value) {
        String s = String.valueOf(value);
        if (s.length() <= MAX) {
            return s;
        }
        int end = Character.isLowSurrogate(s.charAt(MAX)) ? MAX - 1 : MAX;
        return s.substring(0, end) + "... (" + s.length() + " characters)";
    }
}
