package org.xfer4j.data.io;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.xfer4j.api.InvalidInputException;

/**
 * Writes the files users keep (tables, features, reports, artifacts) so that a failure never leaves half a file, and
 * so that the target is what the user named: a regular file (or a missing path) is replaced atomically through a
 * temporary sibling named by {@link PartialFiles} (leftovers of killed writers are removed on the next write there);
 * a symbolic link is followed and its target replaced, the link kept; a device, FIFO or socket
 * (e.g. {@code /dev/stdout}, a named pipe a reader waits on) and {@code -} (standard output) are written directly,
 * never replaced; a folder is refused with a clear message.
 */
public final class TextFiles {

    /** The path that stands for standard output. */
    public static final String STDOUT = "-";

    private static final int MAX_LINK_HOPS = 40;

    /** What writes the text. */
    @FunctionalInterface
    public interface Body {
        /** Writes the whole content to {@code out}. */
        void write(BufferedWriter out) throws IOException;
    }

    /** What writes the bytes. */
    @FunctionalInterface
    public interface Bytes {
        /** Writes the whole content to {@code out}; it may wrap and close it (closing only flushes). */
        void write(OutputStream out) throws IOException;
    }

    private TextFiles() {
    }

    /**
     * Writes {@code file} in UTF-8 (see the class comment for where it goes). A replaced or new file gets the
     * permissions of any new file (Files.createTempFile would make it owner-only).
     *
     * @throws InvalidInputException when {@code file} is a folder
     */
    public static void write(Path file, Body body) throws IOException {
        writeBytes(file, false, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            body.write(w);
            w.flush();
        });
    }

    /**
     * Writes {@code file} as bytes (see the class comment for where they go), forced to disk before a replaced file
     * is renamed into place; {@code ownerOnly} makes a replaced or new file readable by its owner only, where POSIX.
     *
     * @throws InvalidInputException when {@code file} is a folder
     */
    public static void writeBytes(Path file, boolean ownerOnly, Bytes body) throws IOException {
        if (file.toString().equals(STDOUT)) {
            // standard output stays open for what the command prints next
            OutputStream out = unclosable(System.out);
            body.write(out);
            out.flush();
            return;
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("cannot write " + file + ": it is a folder; name a file in it");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a device, FIFO or socket (through any links): write to it, never replace it
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
                body.write(unclosable(out));
            }
            return;
        }
        replace(regularTarget(file), ownerOnly, body);
    }

    /** The regular file to replace for {@code file}: itself, or the file its chain of links ends at (maybe missing). */
    private static Path regularTarget(Path file) throws IOException {
        if (Files.exists(file)) {
            return file.toRealPath();
        }
        Path p = file.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == MAX_LINK_HOPS) {
                throw new InvalidInputException("cannot write " + file + ": more than " + MAX_LINK_HOPS
                        + " symbolic links in a row");
            }
            p = p.getParent().resolve(Files.readSymbolicLink(p));
        }
        return p;
    }

    private static void replace(Path target, boolean ownerOnly, Bytes body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = PartialFiles.beside(target);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = ownerOnly && posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try {
            try (FileChannel channel = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), attributes)) {
                // the body may close its streams; the channel stays open to be forced to disk
                OutputStream out = unclosable(Channels.newOutputStream(channel));
                body.write(out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** {@code out} with close() only flushing, so a body's try-with-resources cannot close what it was lent. */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len); // FilterOutputStream would write byte by byte
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
