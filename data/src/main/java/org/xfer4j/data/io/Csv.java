package org.xfer4j.data.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one way Xfer4j writes CSV: RFC 4180 (fields holding a comma, quote or line break are quoted, quotes doubled,
 * records end in CRLF), and safe to open in a spreadsheet: a text field starting with {@code = + - @}, a tab or a
 * carriage return that is not a number is prefixed with {@code '}, so it is never run as a formula (OWASP's advice
 * against CSV injection). {@link #unneutralise(String)} takes the prefix off again when Xfer4j reads its own files.
 */
public final class Csv {

    /** The end of every record. */
    public static final String EOL = "\r\n";

    /** Characters a spreadsheet takes as the start of a formula (or uses to smuggle one in). */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?(?:NaN|Infinity)");

    private Csv() {
    }

    /** What writes the records. */
    @FunctionalInterface
    public interface Body {
        /** Writes every record (header included) to {@code out}. */
        void write(Writer out) throws IOException;
    }

    /** Writes a CSV file through {@link TextFiles#write}: whole or not at all. */
    public static void write(Path file, Body body) throws IOException {
        TextFiles.write(file, w -> body.write(new Writer(w)));
    }

    /** {@code value} as one CSV field: neutralised when a spreadsheet would run it, then quoted where RFC 4180 needs it. */
    public static String field(String value) {
        String v = neutralise(value);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + v.replace("\"", "\"\"") + '"';
            }
        }
        return v;
    }

    /** {@code fields} as one record, without its line end. */
    public static String record(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(field(fields.get(i)));
        }
        return sb.toString();
    }

    /**
     * A field as written, prefix removed: the inverse of the neutralising {@link #field} does, for readers of files
     * Xfer4j wrote. (A value that itself starts with quotes before a formula character gets one more on writing.)
     */
    public static String unneutralise(String field) {
        int quotes = 0;
        while (quotes < field.length() && field.charAt(quotes) == '\'') {
            quotes++;
        }
        return quotes > 0 && quotes < field.length() && FORMULA_STARTS.indexOf(field.charAt(quotes)) >= 0
                ? field.substring(1) : field;
    }

    private static String neutralise(String value) {
        int quotes = 0;
        while (quotes < value.length() && value.charAt(quotes) == '\'') {
            quotes++;
        }
        boolean formula = quotes < value.length() && FORMULA_STARTS.indexOf(value.charAt(quotes)) >= 0;
        return formula && !NUMBER.matcher(value).matches() ? "'" + value : value;
    }

    /** Writes records field by field. */
    public static final class Writer {

        private final BufferedWriter out;
        private boolean first = true;

        private Writer(BufferedWriter out) {
            this.out = out;
        }

        /** Appends a text field. */
        public Writer text(String value) throws IOException {
            return raw(field(value));
        }

        /** Appends every one of {@code values} as a text field. */
        public Writer texts(List<String> values) throws IOException {
            for (String v : values) {
                text(v);
            }
            return this;
        }

        /** Appends a number (Java's shortest round-trip decimal). */
        public Writer number(double value) throws IOException {
            return raw(Double.toString(value));
        }

        /** Appends a float32 number (its shortest round-trip decimal). */
        public Writer number(float value) throws IOException {
            return raw(Float.toString(value));
        }

        /** Appends an integer. */
        public Writer number(long value) throws IOException {
            return raw(Long.toString(value));
        }

        /** Ends the record. */
        public void end() throws IOException {
            out.write(EOL);
            first = true;
        }

        /** Writes {@code fields} as one whole record. */
        public void record(List<String> fields) throws IOException {
            texts(fields).end();
        }

        private Writer raw(String field) throws IOException {
            if (!first) {
                out.write(',');
            }
            out.write(field);
            first = false;
            return this;
        }
    }
}
