package org.xfer4j.bench.reliability;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.xfer4j.testkit.ArtifactEdits;

/**
 * Mutates a saved artifact as damage, hand edits and forgeries would: raw byte flips and truncation of the zip;
 * flipped bytes, edited properties, numbers set to NaN, infinities, huge, zero or negated, payload headers changed,
 * class names duplicated or swapped, entries removed, added or renamed. Entry-level edits recompute the manifest's
 * digests in half the cases (forgeries), so that they reach the payload checks behind the digests.
 */
final class XferMutator {

    private static final String[] STRINGS = {"", "-1", "0", "1e309", "NaN", "-Infinity", "99999999999999999999",
        "../../../../etc/passwd", "/dev/zero", "\u0000", "é\u202e", "x".repeat(70_000), "maven:a:b:c", "fake:x",
        "bge-small-en-v1.5", "all-minilm-l6-v2", "true", "2.0", "1.0", "layer.11", "[]", "3", "lr", "svm", "gp"};
    private static final double[] NUMBERS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300,
        -1e300, 0, Double.MIN_VALUE, 1e6};

    private final Map<String, byte[]> entries;
    private final byte[] file;

    XferMutator(Path artifact) throws IOException {
        this.entries = ArtifactEdits.entries(artifact);
        this.file = Files.readAllBytes(artifact);
    }

    /** The {@code i}-th mutant for {@code seed}: the same pair always gives the same mutant. */
    Mutant mutant(long seed, int i) {
        Random r = new Random(seed * 1_000_003L + i);
        int kind = r.nextInt(9);
        boolean forge = r.nextBoolean();
        return switch (kind) {
            case 0 -> new Mutant(Bytes.flip(file, r), "zip bytes flipped", false);
            case 1 -> new Mutant(Bytes.truncate(file, r), "zip truncated", false);
            default -> entryEdit(kind, r, forge);
        };
    }

    private Mutant entryEdit(int kind, Random r, boolean forge) {
        Map<String, byte[]> e = new LinkedHashMap<>(entries);
        List<String> names = new ArrayList<>(e.keySet());
        List<String> payload = names.stream().filter(n -> n.startsWith(ArtifactEdits.PAYLOAD)).toList();
        List<String> properties = names.stream().filter(n -> n.endsWith(".properties")).toList();
        String what;
        switch (kind) {
            case 2 -> {
                String n = pick(names, r);
                e.put(n, Bytes.flip(e.get(n), r));
                what = "bytes of " + n + " flipped";
            }
            case 3 -> {
                String n = pick(properties, r);
                what = editProperty(e, n, r);
            }
            case 4 -> {
                String n = pick(doubles(e, payload), r);
                double v = NUMBERS[r.nextInt(NUMBERS.length)];
                boolean all = r.nextBoolean();
                int at = r.nextInt(Math.max(1, count(e.get(n))));
                e.put(n, ArtifactEdits.doubles((i, x) -> all || i == at ? (v == 1e6 ? -x : v) : x).apply(e.get(n)));
                what = (all ? "every value" : "value " + at) + " of " + n + (v == 1e6 ? " negated" : " set to " + v);
            }
            case 5 -> {
                String n = pick(payload, r);
                byte[] b = e.get(n).clone();
                int at = 4 + r.nextInt(Math.min(b.length - 4, 10));
                b[at] = (byte) r.nextInt(256);
                e.put(n, b);
                what = (at < 6 + 4 * b[5] ? "header byte " : "byte ") + at + " of " + n + " set to " + (b[at] & 0xff);
            }
            case 6 -> what = reshuffle(e, names, r);
            case 7 -> {
                String n = ArtifactEdits.PAYLOAD + "classes";
                String[] c = new String(e.get(n), 10, e.get(n).length - 10, StandardCharsets.UTF_8).split("\n", -1);
                String edited = switch (r.nextInt(5)) {
                    case 0 -> c[0] + "\n" + c[0];
                    case 1 -> c[1] + "\n" + c[0];
                    case 2 -> c[0];
                    case 3 -> c[0] + "\n" + c[1] + "\nextra";
                    default -> "\n";
                };
                e.put(n, ArtifactEdits.text(t -> edited).apply(e.get(n)));
                what = "classes set to " + edited.replace("\n", "|");
            }
            default -> {
                String n = pick(names, r);
                byte[] b = e.get(n);
                e.put(n, java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)));
                what = n + " truncated";
            }
        }
        return new Mutant(zip(e, forge), what, forge);
    }

    private static String editProperty(Map<String, byte[]> e, String n, Random r) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(e.get(n), StandardCharsets.UTF_8)));
            List<String> keys = new ArrayList<>(p.stringPropertyNames());
            java.util.Collections.sort(keys);
            String key = keys.isEmpty() ? "extra" : pick(keys, r);
            String value = STRINGS[r.nextInt(STRINGS.length)];
            if (r.nextInt(8) == 0) {
                p.remove(key);
                value = null;
            } else {
                p.setProperty(key, value);
            }
            java.io.StringWriter w = new java.io.StringWriter();
            p.store(w, null);
            e.put(n, w.toString().getBytes(StandardCharsets.UTF_8));
            return n + ": " + key + (value == null ? " removed" : " = '" + abbreviate(value) + "'");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String reshuffle(Map<String, byte[]> e, List<String> names, Random r) {
        String n = pick(names, r);
        return switch (r.nextInt(3)) {
            case 0 -> {
                e.remove(n);
                yield n + " removed";
            }
            case 1 -> {
                e.put(ArtifactEdits.PAYLOAD + "extra", e.get(n));
                yield "entry " + ArtifactEdits.PAYLOAD + "extra added (copy of " + n + ")";
            }
            default -> {
                byte[] b = e.remove(n);
                e.put(n + "x", b);
                yield n + " renamed " + n + "x";
            }
        };
    }

    /** The payload entries holding float64 values (type code 2 after the magic). */
    private static List<String> doubles(Map<String, byte[]> e, List<String> payload) {
        return payload.stream().filter(n -> e.get(n).length > 4 && e.get(n)[4] == 2).toList();
    }

    private byte[] zip(Map<String, byte[]> e, boolean forge) {
        try {
            Path tmp = Files.createTempFile("fuzz", ".xfer");
            try {
                ArtifactEdits.write(e, tmp, forge);
                return Files.readAllBytes(tmp);
            } finally {
                Files.delete(tmp);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static int count(byte[] payloadEntry) {
        ByteBuffer b = ByteBuffer.wrap(payloadEntry).order(ByteOrder.LITTLE_ENDIAN);
        return b.get(4) == 2 ? (payloadEntry.length - 6 - 4 * b.get(5)) / Double.BYTES : 1;
    }

    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "... (" + s.length() + " chars)" : s;
    }
}
