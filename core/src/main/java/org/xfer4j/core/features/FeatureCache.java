package org.xfer4j.core.features;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.LayerBlock;

/**
 * Feature matrices on disk, one file per key, so the same layers of the same model are extracted from the same data
 * the same way once. A {@link Key} names everything that determines a matrix (model, data, layers, preprocessing,
 * pooling, extractor and its version, extraction options); the file holds the key's text and ends with the SHA-256
 * of all before it, so a file renamed, edited, truncated or flipped on disk is recomputed with a warning, never used.
 * Files are written atomically.
 * <pre>
 * file: magic "XFF2", key text length (int32 LE) and UTF-8 key text (sorted key=value lines),
 *       rows, columns, block count (int32 LE), each block: UTF-8 name length and bytes, start, end;
 *       then rows x columns float32 LE; then the SHA-256 of everything before it (32 bytes)
 * </pre>
 */
public final class FeatureCache {

    private static final byte[] MAGIC = {'X', 'F', 'F', '2'};
    private static final int DIGEST_BYTES = 32;
    private static final String SUFFIX = ".features";

    private final Path dir;
    private final Consumer<String> warnings;

    /** A cache in {@code dir} (created on first write) that warns on standard error. */
    public FeatureCache(Path dir) {
        this(dir, message -> System.err.println("warning: " + message));
    }

    /** A cache in {@code dir} (created on first write) that tells {@code warnings} about files it cannot use. */
    public FeatureCache(Path dir, Consumer<String> warnings) {
        this.dir = dir;
        this.warnings = warnings;
    }

    /** The cache folder. */
    public Path dir() {
        return dir;
    }

    /**
     * Everything that determines a feature matrix, as sorted key=value parts; its {@link #id()} names the file.
     */
    public record Key(SortedMap<String, String> parts) {

        public Key {
            parts = Collections.unmodifiableSortedMap(new TreeMap<>(parts));
        }

        /** The parts as {@code key=value} lines, sorted: what the cache file stores. */
        public String text() {
            StringBuilder s = new StringBuilder();
            parts.forEach((k, v) -> s.append(k.replace("\n", " ").replace("=", ":")).append('=')
                    .append(v.replace("\n", " ")).append('\n'));
            return s.toString();
        }

        /** The SHA-256 of {@link #text()}, hex: the file name. */
        public String id() {
            byte[] t = text().getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(sha256(t, 0, t.length));
        }
    }

    /**
     * The cached features of {@code key}, if a file holds them whole and for this key. A file that is there but
     * damaged, or written for another key, is reported to the warnings and counts as missing (the next put replaces
     * it).
     */
    public Optional<FeatureMatrix> get(Key key) {
        Path file = dir.resolve(key.id() + SUFFIX);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Optional.empty(); // not cached
        }
        try {
            return Optional.of(decode(bytes, key));
        } catch (RuntimeException e) {
            warnings.accept("feature cache file " + file + " is not usable (" + e.getMessage()
                    + "); extracting the features again");
            return Optional.empty();
        }
    }

    /**
     * Stores {@code features} under {@code key}, atomically. The cache only saves time, so a matrix too large for
     * one file (over 2 GB) or a folder that cannot be written is not an error: it returns false and stores nothing.
     */
    public boolean put(Key key, FeatureMatrix features) {
        byte[] bytes = encode(features, key);
        if (bytes == null) {
            return false;
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, key.id(), ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, dir.resolve(key.id() + SUFFIX), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException ignored) {
            // a stray temporary file in the cache folder is harmless
        }
    }

    /** The file contents, or null when they would not fit in one array. */
    private static byte[] encode(FeatureMatrix f, Key key) {
        byte[] keyText = key.text().getBytes(StandardCharsets.UTF_8);
        List<byte[]> names = f.blocks().stream().map(b -> b.layer().getBytes(StandardCharsets.UTF_8)).toList();
        long size = MAGIC.length + 4L + keyText.length + 12L + 4L * f.values().length + DIGEST_BYTES;
        for (byte[] n : names) {
            size += 12 + n.length;
        }
        if (size > Integer.MAX_VALUE) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(keyText.length).put(keyText).putInt(f.rows()).putInt(f.columns()).putInt(names.size());
        for (int i = 0; i < names.size(); i++) {
            LayerBlock block = f.blocks().get(i);
            b.putInt(names.get(i).length).put(names.get(i)).putInt(block.start()).putInt(block.end());
        }
        b.asFloatBuffer().put(f.values());
        int body = (int) size - DIGEST_BYTES;
        b.position(body);
        b.put(sha256(b.array(), 0, body));
        return b.array();
    }

    private static FeatureMatrix decode(byte[] bytes, Key key) {
        if (bytes.length < MAGIC.length + DIGEST_BYTES
                || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not a feature cache file of this version");
        }
        int body = bytes.length - DIGEST_BYTES;
        if (!Arrays.equals(sha256(bytes, 0, body), Arrays.copyOfRange(bytes, body, bytes.length))) {
            throw new IllegalArgumentException("its content does not match its SHA-256: damaged on disk");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, body).order(ByteOrder.LITTLE_ENDIAN);
        b.position(MAGIC.length);
        byte[] keyText = new byte[b.getInt()];
        b.get(keyText);
        if (!new String(keyText, StandardCharsets.UTF_8).equals(key.text())) {
            throw new IllegalArgumentException("it was written for other features than its name says");
        }
        int rows = b.getInt();
        int columns = b.getInt();
        int blockCount = b.getInt();
        List<LayerBlock> blocks = new ArrayList<>();
        for (int i = 0; i < blockCount; i++) {
            byte[] name = new byte[b.getInt()];
            b.get(name);
            blocks.add(new LayerBlock(new String(name, StandardCharsets.UTF_8), b.getInt(), b.getInt()));
        }
        if (b.remaining() != 4L * rows * columns) {
            throw new IllegalArgumentException("its size does not match its " + rows + " x " + columns + " features");
        }
        float[] values = new float[rows * columns];
        b.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return new FeatureMatrix(rows, columns, values, blocks);
    }

    private static byte[] sha256(byte[] bytes, int offset, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, offset, length);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
