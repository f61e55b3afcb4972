package org.xfer4j.data.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes the text files users keep (tables, features, reports) so that a failure never leaves half a file. */
public final class TextFiles {

    /** What writes the content. */
    @FunctionalInterface
    public interface Body {
        /** Writes the whole content to {@code out}. */
        void write(BufferedWriter out) throws IOException;
    }

    private TextFiles() {
    }

    /**
     * Writes {@code file} in UTF-8 through a temporary sibling renamed into place: a failure leaves any earlier file
     * intact and no temporary file behind. The file gets the permissions of any new file (Files.createTempFile would
     * make it owner-only).
     */
    public static void write(Path file, Body body) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime()
                + ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(w);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
