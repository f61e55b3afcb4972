package org.xfer4j.data.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xfer4j.api.InvalidInputException;

/**
 * Reads RFC 4180 records (comma-separated, double-quoted fields with "" escapes and line breaks) one at a time: the
 * reading side of {@link Csv}.
 */
public final class CsvRecords {

    private final Reader in;
    private final Path file;
    private int line = 1;
    private int recordLine;
    private int pending = -2; // one character of look-ahead; -2 = none

    /** Reads records from {@code in}; {@code file} names it in errors. */
    public CsvRecords(Reader in, Path file) {
        this.in = in;
        this.file = file;
    }

    /** The line on which the record last returned by {@link #next()} started. */
    public int recordLine() {
        return recordLine;
    }

    /** The next record's fields, or null at the end of the input. */
    public List<String> next() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c < 0) {
                    throw new InvalidInputException(file + ": line " + recordLine + ": quoted field is never closed");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',' || c == '\n' || c == '\r' || c < 0) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (c == ',') {
                    c = read();
                    continue;
                }
                if (c == '\r') {
                    int d = read();
                    if (d != '\n') {
                        pending = d;
                    }
                }
                if (c >= 0) {
                    line++;
                }
                return fields;
            } else if (wasQuoted) {
                throw new InvalidInputException(file + ": line " + line + ": text after the closing quote of field "
                        + (fields.size() + 1) + " (a quote inside a quoted field is written \"\")");
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        return in.read();
    }
}
