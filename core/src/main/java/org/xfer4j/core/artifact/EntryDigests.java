package org.xfer4j.core.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.xfer4j.api.InvalidInputException;

/**
 * The size and SHA-256 of every entry of an artifact (format 2 on), recorded in its manifest as
 * {@code entry.<name>.size} and {@code entry.<name>.sha256}, and checked when it is read, before anything in it is
 * used. Entries are read as streams with a limit, so an entry that inflates beyond its recorded size (a decompression
 * bomb) is stopped there instead of filling memory.
 */
final class EntryDigests {

    /** The most bytes one entry may inflate to: -Dxfer4j.artifact.maxEntryBytes, default 1 GiB. */
    static final long MAX_ENTRY_BYTES = Long.getLong("xfer4j.artifact.maxEntryBytes", 1L << 30);

    private static final String PREFIX = "entry.";
    private static final String SIZE = ".size";
    private static final String SHA256 = ".sha256";
    private static final int CHUNK = 1 << 16;

    /** One entry's recorded size and SHA-256 (hex). */
    record Digest(long size, String sha256) {
    }

    private EntryDigests() {
    }

    /** A zip stream that digests every entry written through it. */
    static final class Recording extends ZipOutputStream {

        private final Map<String, Digest> digests = new LinkedHashMap<>();
        private String name;
        private MessageDigest sha;
        private long size;

        Recording(OutputStream out) {
            super(out);
        }

        @Override
        public void putNextEntry(ZipEntry e) throws IOException {
            super.putNextEntry(e);
            name = e.getName();
            sha = sha256();
            size = 0;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            super.write(b, off, len);
            sha.update(b, off, len);
            size += len;
        }

        @Override
        public void closeEntry() throws IOException {
            super.closeEntry();
            if (name != null) {
                digests.put(name, new Digest(size, HexFormat.of().formatHex(sha.digest())));
                name = null;
            }
        }

        /** The manifest keys recording every entry closed so far. */
        Map<String, String> toProperties() {
            Map<String, String> p = new TreeMap<>();
            digests.forEach((n, d) -> {
                p.put(PREFIX + n + SIZE, Long.toString(d.size()));
                p.put(PREFIX + n + SHA256, d.sha256());
            });
            return p;
        }
    }

    /** The digests a manifest records, by entry name; {@code file} names the artifact in errors. */
    static Map<String, Digest> fromProperties(Map<String, String> manifest, String file) {
        Map<String, Digest> out = new TreeMap<>();
        for (var e : manifest.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(PREFIX) && k.endsWith(SHA256)) {
                String n = k.substring(PREFIX.length(), k.length() - SHA256.length());
                String size = manifest.get(PREFIX + n + SIZE);
                try {
                    long bytes = Long.parseLong(size == null ? "" : size);
                    if (bytes < 0 || !e.getValue().matches("[0-9a-f]{64}")) {
                        throw new NumberFormatException();
                    }
                    out.put(n, new Digest(bytes, e.getValue()));
                } catch (NumberFormatException ex) {
                    throw new InvalidInputException("artifact " + file + " has an invalid manifest: the size or SHA-256"
                            + " of entry " + n + " is not a number of bytes and 64 hex digits");
                }
            }
        }
        return out;
    }

    /**
     * Checks that {@code zip} holds exactly the entries {@code recorded} lists (the manifest aside), each with its
     * recorded size and SHA-256, reading each as a stream that stops at its recorded size.
     *
     * @throws InvalidInputException naming the file and the entry that differs
     */
    static void verify(ZipFile zip, Map<String, Digest> recorded, String file) throws IOException {
        for (ZipEntry e : zip.stream().toList()) {
            if (!e.isDirectory() && !e.getName().equals(ArtifactEntries.MANIFEST) && !recorded.containsKey(e.getName())) {
                throw new InvalidInputException("artifact " + file + " holds entry " + e.getName()
                        + " that its manifest does not list: it was altered after it was saved");
            }
        }
        for (var r : recorded.entrySet()) {
            ZipEntry e = zip.getEntry(r.getKey());
            if (e == null) {
                throw new InvalidInputException("artifact " + file + " lacks entry " + r.getKey()
                        + " that its manifest lists");
            }
            MessageDigest sha = sha256();
            long n = stream(zip, e, r.getValue().size(), file, (b, len) -> sha.update(b, 0, len));
            if (n != r.getValue().size() || !HexFormat.of().formatHex(sha.digest()).equals(r.getValue().sha256())) {
                throw new InvalidInputException("artifact " + file + " is damaged or altered: entry " + r.getKey()
                        + " does not match the size and SHA-256 its manifest records");
            }
        }
    }

    /**
     * The bytes of an entry, read as a stream that stops past {@code expected} bytes (or past the entry's declared
     * size, or {@link #MAX_ENTRY_BYTES}, whichever is known and smallest).
     */
    static byte[] read(ZipFile zip, ZipEntry e, long expected, String file) throws IOException {
        long limit = expected >= 0 ? expected : e.getSize() >= 0 ? e.getSize() : MAX_ENTRY_BYTES;
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, CHUNK));
        stream(zip, e, limit, file, (b, len) -> out.write(b, 0, len));
        return out.toByteArray();
    }

    /** What takes each chunk read. */
    private interface Sink {
        void accept(byte[] chunk, int length) throws IOException;
    }

    /** Reads {@code e} chunk by chunk into {@code sink}; refuses more than {@code limit} bytes. Returns the count. */
    private static long stream(ZipFile zip, ZipEntry e, long limit, String file, Sink sink) throws IOException {
        long cap = Math.min(limit, MAX_ENTRY_BYTES);
        if (limit > MAX_ENTRY_BYTES) {
            throw new InvalidInputException("artifact " + file + ": entry " + e.getName() + " holds " + limit
                    + " bytes, more than the limit of " + MAX_ENTRY_BYTES + " (-Dxfer4j.artifact.maxEntryBytes)");
        }
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        try (InputStream in = zip.getInputStream(e)) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                total += n;
                if (total > cap) {
                    throw new InvalidInputException("artifact " + file + ": entry " + e.getName()
                            + " inflates beyond the " + cap + " bytes recorded for it; refused (damaged, altered or a "
                            + "decompression bomb)");
                }
                sink.accept(chunk, n);
            }
        } catch (ZipException ex) {
            throw new InvalidInputException("artifact " + file + " is corrupt: entry " + e.getName() + ": "
                    + ex.getMessage(), ex);
        }
        return total;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
