package org.xfer4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Edits saved artifacts the way a person or bit rot would, to test that loading refuses them: an entry's bytes
 * replaced and the zip rewritten with fresh CRCs, either leaving the manifest's recorded size and SHA-256 as they were
 * (a hand edit, caught by the digests) or recomputing them too (a deliberate forgery, which only payload validation
 * can catch). Payload entries ({@code payload/NAME}) are "XFP1" headers followed by little-endian values.
 */
public final class ArtifactEdits {

    /** The manifest entry of an artifact. */
    public static final String MANIFEST = "manifest.properties";
    /** The folder of provider payload entries inside an artifact. */
    public static final String PAYLOAD = "payload/";

    private ArtifactEdits() {
    }

    /** Every entry of the artifact {@code file}, in zip order. */
    public static Map<String, byte[]> entries(Path file) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Writes {@code entries} as a zip to {@code target}; with {@code redigest}, the manifest's digests are updated. */
    public static void write(Map<String, byte[]> entries, Path target, boolean redigest) {
        Map<String, byte[]> all = new LinkedHashMap<>(entries);
        if (redigest && all.containsKey(MANIFEST)) {
            all.put(MANIFEST, redigested(all));
        }
        try (OutputStream os = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (var e : all.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code source} with entry {@code name} replaced by what {@code edit} makes of it, written to {@code target}. */
    public static Path edit(Path source, Path target, String name, UnaryOperator<byte[]> edit, boolean redigest) {
        Map<String, byte[]> entries = entries(source);
        if (!entries.containsKey(name)) {
            throw new IllegalArgumentException(source + " has no entry " + name + "; entries: " + entries.keySet());
        }
        entries.put(name, edit.apply(entries.get(name)));
        write(entries, target, redigest);
        return target;
    }

    /** A payload entry of float64 values with each value replaced by what {@code f} makes of (index, value). */
    public static UnaryOperator<byte[]> doubles(DoubleEdit f) {
        return bytes -> {
            ByteBuffer b = ByteBuffer.wrap(bytes.clone()).order(ByteOrder.LITTLE_ENDIAN);
            if (b.get(4) != 2) {
                throw new IllegalArgumentException("not a float64 payload entry (type " + b.get(4) + ")");
            }
            int start = 6 + 4 * b.get(5);
            for (int i = 0, at = start; at < bytes.length; i++, at += Double.BYTES) {
                b.putDouble(at, f.apply(i, b.getDouble(at)));
            }
            return b.array();
        };
    }

    /** A payload entry of UTF-8 text replaced by what {@code f} makes of its text (header fixed to the new length). */
    public static UnaryOperator<byte[]> text(UnaryOperator<String> f) {
        return bytes -> {
            String old = new String(bytes, 10, bytes.length - 10, StandardCharsets.UTF_8);
            byte[] t = f.apply(old).getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(10 + t.length).order(ByteOrder.LITTLE_ENDIAN);
            b.put(bytes, 0, 6).putInt(t.length).put(t);
            return b.array();
        };
    }

    /**
     * A float64 payload entry of shape [rows, columns] cut to its first {@code rows - 1} rows, header and all: a
     * consistent entry that holds fewer parameters than the model needs.
     */
    public static UnaryOperator<byte[]> dropLastRow() {
        return bytes -> {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (b.get(5) != 2) {
                throw new IllegalArgumentException("not a rank-2 payload entry");
            }
            int rows = b.getInt(6);
            int columns = b.getInt(10);
            ByteBuffer out = ByteBuffer.allocate(14 + (rows - 1) * columns * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            out.put(bytes, 0, 6).putInt(rows - 1).putInt(columns).put(bytes, 14, (rows - 1) * columns * Double.BYTES);
            return out.array();
        };
    }

    /** What replaces one value. */
    @FunctionalInterface
    public interface DoubleEdit {
        /** The new value at {@code index}, given the old {@code value}. */
        double apply(int index, double value);
    }

    private static byte[] redigested(Map<String, byte[]> entries) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(entries.get(MANIFEST), StandardCharsets.UTF_8)));
            for (var e : entries.entrySet()) {
                if (!e.getKey().equals(MANIFEST) && p.containsKey("entry." + e.getKey() + ".sha256")) {
                    p.setProperty("entry." + e.getKey() + ".size", Integer.toString(e.getValue().length));
                    p.setProperty("entry." + e.getKey() + ".sha256",
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e.getValue())));
                }
            }
            StringWriter w = new StringWriter();
            p.store(w, null);
            return w.toString().lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n", "", "\n"))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
