package org.xfer4j.core.artifact;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Key=value text in the java.util.Properties syntax, sorted by key and without the date comment, as UTF-8. */
final class PropertiesText {

    private PropertiesText() {
    }

    static byte[] write(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // store() sorts keys and starts with a date comment, which would make identical saves differ
        String body = w.toString().lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n", "", "\n"));
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> read(byte[] utf8) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(utf8, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }
}
