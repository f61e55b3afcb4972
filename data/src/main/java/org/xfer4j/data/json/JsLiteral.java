package org.xfer4j.data.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON, and the JavaScript object-literal subset that minifiers emit for it (unquoted keys, {@code !0} and
 * {@code !1} for booleans, numbers such as {@code .5}), into maps, lists, strings, doubles, booleans and nulls.
 * Arrays and objects nest at most {@value #MAX_DEPTH} deep: the parser recurses, and a file of deeper nesting would
 * otherwise overflow the stack instead of being refused with its line.
 */
public final class JsLiteral {

    /** The deepest nesting of arrays and objects accepted; real model and data files stay far below it. */
    public static final int MAX_DEPTH = 512;

    private final String text;
    private final String source;
    private int pos;
    private int depth;

    private JsLiteral(String text, int start, String source) {
        this.text = text;
        this.pos = start;
        this.source = source;
    }

    /**
     * The whole of {@code text} as one value; {@code source} names the file in errors.
     *
     * @throws JsonSyntaxException saying what is wrong, where, and in which source
     */
    public static Object parse(String text, String source) {
        JsLiteral p = new JsLiteral(text, 0, source);
        Object v = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("text after the end of the value");
        }
        return v;
    }

    /** The one value that starts at {@code start}; whatever follows it is ignored. */
    public static Object parseAt(String text, int start, String source) {
        return new JsLiteral(text, start, source).value();
    }

    private Object value() {
        skipSpace();
        char c = peek();
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"', '\'' -> string();
            case '!' -> negation();
            default -> c == '-' || c == '.' || Character.isDigit(c) ? number() : keyword();
        };
    }

    private Map<String, Object> object() {
        enter();
        Map<String, Object> members = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return members;
        }
        while (true) {
            skipSpace();
            String key = peek() == '"' || peek() == '\'' ? string() : identifier();
            skipSpace();
            expect(':');
            members.put(key, value());
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return members;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array() {
        enter();
        List<Object> items = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return items;
        }
        while (true) {
            items.add(value());
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return items;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    /** Steps into an array or object, refusing nesting deeper than {@link #MAX_DEPTH}. */
    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("arrays and objects nest deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
    }

    private String string() {
        char quote = peek();
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = peek();
            pos++;
            if (c == quote) {
                return out.toString();
            }
            if (c == '\\') {
                out.append(escape());
            } else {
                out.append(c);
            }
        }
    }

    private char escape() {
        char e = peek();
        pos++;
        return switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'u' -> {
                if (pos + 4 > text.length()) {
                    throw error("truncated \\u escape");
                }
                pos += 4;
                try {
                    yield (char) Integer.parseInt(text, pos - 4, pos, 16);
                } catch (NumberFormatException ex) {
                    throw error("bad \\u escape");
                }
            }
            default -> e;
        };
    }

    private Boolean negation() {
        pos++;
        char c = peek();
        pos++;
        if (c == '0' || c == '1') {
            return c == '0';
        }
        pos -= 2;
        throw error("expected !0 or !1");
    }

    private Double number() {
        int start = pos;
        while (pos < text.length() && "+-.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        try {
            return Double.valueOf(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("malformed number");
        }
    }

    private Object keyword() {
        int start = pos;
        String word = identifier();
        return switch (word) {
            case "null" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            default -> {
                pos = start;
                throw error("unexpected '" + word + "'");
            }
        };
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '$')) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a name or a value");
        }
        return text.substring(start, pos);
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of text");
        }
        return text.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    /** An error naming the source, the line (of a text with several) and the character within it. */
    private JsonSyntaxException error(String what) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonSyntaxException(source + ": " + what + (line > 1 ? " at line " + line + ", character "
                + (pos - lineStart + 1) : " at character " + pos));
    }
}
