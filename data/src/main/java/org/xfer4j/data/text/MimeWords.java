package org.xfer4j.data.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decodes RFC 2047 encoded-words ({@code =?charset?B|Q?text?=}) in a header value. */
final class MimeWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");
    /** Whitespace between two adjacent encoded-words is not part of the text (RFC 2047, section 6.2). */
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");

    private MimeWords() {
    }

    /** {@code value} with every encoded-word replaced by its text; malformed words are left as they are. */
    static String decode(String value) {
        if (!value.contains("=?")) {
            return value;
        }
        Matcher m = WORD.matcher(BETWEEN_WORDS.matcher(value).replaceAll("$1$2"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String text = decodeWord(m.group(1), m.group(2), m.group(3));
            m.appendReplacement(out, Matcher.quoteReplacement(text != null ? text : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String decodeWord(String charsetName, String encoding, String text) {
        Charset charset;
        try {
            // RFC 2231 allows a language suffix: charset*lang
            charset = Charset.forName(charsetName.split("\\*")[0].trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
        try {
            byte[] bytes = encoding.toUpperCase(Locale.ROOT).equals("B")
                    ? Base64.getMimeDecoder().decode(text)
                    : quotedPrintable(text);
            return new String(bytes, charset);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.ISO_8859_1);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
