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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.LayerBlock;

/**
 * Feature matrices on disk, one file per key, so the same layers of the same model are extracted from the same data
 * once. Files are written atomically; one that cannot be read back (truncated, from another version) counts as
 * missing and is replaced.
 * <pre>
 * file: magic "XFF1", rows, columns, block count (int32 LE), each block: UTF-8 name length and bytes, start, end;
 *       then rows x columns float32 LE
 * </pre>
 */
public final class FeatureCache {

    private static final byte[] MAGIC = {'X', 'F', 'F', '1'};
    private static final String SUFFIX = ".features";
    /**
     * Part of every key: changes when extraction gives other values for the same model, data and options, so
     * features cached before are not served again (2: int8 graphs run one example at a time, issue 17).
     */
    private static final String EXTRACTION_REVISION = "extraction=2";

    private final Path dir;

    /** A cache in {@code dir} (created on first write). */
    public FeatureCache(Path dir) {
        this.dir = dir;
    }

    /** The cache folder. */
    public Path dir() {
        return dir;
    }

    /**
     * The key of the features of {@code layers} of the model whose ONNX file has {@code modelSha256}, extracted with
     * {@code extractionOptions} from a dataset whose content digest is {@code datasetDigest}.
     */
    public static String key(String modelSha256, List<String> layers, Map<String, String> extractionOptions,
                             String datasetDigest) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<String> parts = new ArrayList<>(List.of(EXTRACTION_REVISION, modelSha256, datasetDigest));
            parts.addAll(layers);
            new TreeMap<>(extractionOptions).forEach((k, v) -> parts.add(k + "=" + v));
            for (String p : parts) {
                byte[] b = p.getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
                sha.update(b);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The cached features of {@code key}, if a readable file holds them. */
    public Optional<FeatureMatrix> get(String key) {
        Path file = dir.resolve(key + SUFFIX);
        try {
            return Optional.of(decode(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            // missing, or unreadable (truncated, another version): a miss, and the next put replaces it
            return Optional.empty();
        }
    }

    /**
     * Stores {@code features} under {@code key}, atomically. The cache only saves time, so a matrix too large for
     * one file (over 2 GB) or a folder that cannot be written is not an error: it returns false and stores nothing.
     */
    public boolean put(String key, FeatureMatrix features) {
        byte[] bytes = encode(features);
        if (bytes == null) {
            return false;
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, key, ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, dir.resolve(key + SUFFIX), StandardCopyOption.ATOMIC_MOVE,
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
    private static byte[] encode(FeatureMatrix f) {
        List<byte[]> names = f.blocks().stream().map(b -> b.layer().getBytes(StandardCharsets.UTF_8)).toList();
        long size = MAGIC.length + 12L + 4L * f.values().length;
        for (byte[] n : names) {
            size += 12 + n.length;
        }
        if (size > Integer.MAX_VALUE) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(f.rows()).putInt(f.columns()).putInt(names.size());
        for (int i = 0; i < names.size(); i++) {
            LayerBlock block = f.blocks().get(i);
            b.putInt(names.get(i).length).put(names.get(i)).putInt(block.start()).putInt(block.end());
        }
        b.asFloatBuffer().put(f.values());
        return b.array();
    }

    private static FeatureMatrix decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException("not a feature cache file");
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
            throw new IllegalArgumentException("truncated feature cache file");
        }
        float[] values = new float[rows * columns];
        b.asFloatBuffer().get(values);
        return new FeatureMatrix(rows, columns, values, blocks);
    }
}
