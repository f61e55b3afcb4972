package org.xfer4j.data.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.data.registry.CacheDirs;

/**
 * An unsigned-byte IDX file (the MNIST format: magic 0x0000080N, N big-endian dimension sizes, then the values),
 * memory-mapped; gzip-compressed files are inflated once into the cache first.
 */
public final class IdxFile {

    private final Path file;
    private final int[] dims;
    private final ByteBuffer values;

    private IdxFile(Path file, int[] dims, ByteBuffer values) {
        this.file = file;
        this.dims = dims;
        this.values = values;
    }

    /**
     * Maps {@code file} ({@code .gz} files are inflated once into {@code cacheDir}).
     *
     * @throws InvalidInputException naming the file when it is missing or not unsigned-byte IDX
     */
    public static IdxFile open(Path file, Path cacheDir) {
        Path plain = file.toString().endsWith(".gz") ? inflated(file, cacheDir) : file;
        try (FileChannel ch = FileChannel.open(plain, StandardOpenOption.READ)) {
            ByteBuffer all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            if (all.remaining() < 4 || all.get(0) != 0 || all.get(1) != 0 || all.get(2) != 8) {
                throw new InvalidInputException(file + " is not an unsigned-byte IDX file (bad magic number)");
            }
            int[] dims = new int[all.get(3)];
            long count = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = all.getInt(4 + 4 * i);
                count *= dims[i];
            }
            int header = 4 + 4 * dims.length;
            if (all.capacity() - header != count) {
                throw new InvalidInputException(file + ": IDX header declares " + Arrays.toString(dims) + " = " + count
                        + " values, the file holds " + (all.capacity() - header));
            }
            return new IdxFile(file, dims, all.slice(header, (int) count));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes unsigned bytes of shape {@code dims} as an IDX file (not atomically: write into a folder being filled). */
    public static void write(Path file, int[] dims, byte[] values) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims.length);
        header.put(new byte[] {0, 0, 8, (byte) dims.length});
        for (int d : dims) {
            header.putInt(d);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.array());
            out.write(values);
        }
    }

    /** The decompressed copy of {@code gz} in the cache (made once, atomically). */
    private static Path inflated(Path gz, Path cacheDir) {
        String name = gz.getFileName().toString().replaceFirst("\\.gz$", "");
        String key;
        try {
            key = name + "-" + Files.size(gz) + "-" + Files.getLastModifiedTime(gz).toMillis();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + gz + ": " + e.getMessage(), e);
        }
        try {
            Path dir = CacheDirs.ensure(cacheDir.resolve("idx").resolve(key), d -> {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
                        OutputStream out = Files.newOutputStream(d.resolve(name))) {
                    in.transferTo(out);
                }
            });
            return dir.resolve(name);
        } catch (IOException e) {
            throw new InvalidInputException("cannot decompress " + gz + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("interrupted while decompressing " + gz, e);
        }
    }

    /** The file it was opened from. */
    Path file() {
        return file;
    }

    /** The dimension sizes, outermost first. */
    public int[] dims() {
        return dims.clone();
    }

    /** Copies {@code length} values starting at {@code offset}. */
    public byte[] read(long offset, int length) {
        byte[] out = new byte[length];
        values.get((int) offset, out);
        return out;
    }

    /** The value at {@code index}, unsigned. */
    int get(long index) {
        return Byte.toUnsignedInt(values.get((int) index));
    }
}
