package org.xfer4j.data.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses one JSON object of a JSON Lines file into its top-level members; strings, numbers and booleans become
 * text, null becomes a Java null, nested arrays and objects are skipped (they cannot be a text or a label).
 */
final class JsonLine {

    private final String s;
    private int pos;

    private JsonLine(String s) {
        this.s = s;
    }

    /** The members of the object in {@code line}; throws IllegalArgumentException saying what is wrong and where. */
    static Map<String, String> parseObject(String line) {
        JsonLine p = new JsonLine(line);
        p.skipSpace();
        Map<String, String> members = new LinkedHashMap<>();
        p.expect('{');
        p.skipSpace();
        if (p.peek() == '}') {
            p.pos++;
        } else {
            while (true) {
                p.skipSpace();
                String key = p.string();
                p.skipSpace();
                p.expect(':');
                p.skipSpace();
                members.put(key, p.value());
                p.skipSpace();
                if (p.peek() == ',') {
                    p.pos++;
                } else {
                    p.expect('}');
                    break;
                }
            }
        }
        p.skipSpace();
        if (p.pos != line.length()) {
            throw p.error("text after the end of the object");
        }
        return members;
    }

    private String value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '{' || c == '[') {
            skipNested();
            return null;
        }
        int start = pos;
        while (pos < s.length() && ",}] \t".indexOf(s.charAt(pos)) < 0) {
            pos++;
        }
        String word = s.substring(start, pos);
        if (word.equals("null")) {
            return null;
        }
        if (word.equals("true") || word.equals("false") || word.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
            return word;
        }
        pos = start;
        throw error("expected a value");
    }

    private void skipNested() {
        int depth = 0;
        do {
            char c = peek();
            if (c == '"') {
                string();
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            pos++;
        } while (depth > 0);
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = peek();
            pos++;
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = peek();
            pos++;
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw error("truncated \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private char peek() {
        if (pos >= s.length()) {
            throw error("unexpected end of line");
        }
        return s.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at column " + (pos + 1));
    }
}
