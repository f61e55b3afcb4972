package org.xfer4j.data.registry;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Fills a cache folder once: build in a temporary sibling, then rename into place, so a cancelled or failed fill
 * leaves nothing half-written and concurrent fillers agree on one result.
 */
public final class CacheDirs {

    private CacheDirs() {
    }

    /** Something that fills a fresh folder. */
    @FunctionalInterface
    public interface Filler {
        /** Writes the folder's content into {@code folder}. */
        void fill(Path folder) throws IOException, InterruptedException;
    }

    /** {@code target}, filled by {@code filler} unless an earlier call already completed it. */
    public static Path ensure(Path target, Filler filler) throws IOException, InterruptedException {
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp");
        try {
            filler.fill(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(target)) { // another process finished first otherwise
                    throw e;
                }
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
            }
            return target;
        } finally {
            deleteTree(tmp);
        }
    }

    /** Deletes {@code p} and everything below it, if it exists. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }

    /**
     * {@code root} resolved with {@code segments}, each one plain name (no separator, not "." or ".."), and checked
     * to stay inside {@code root}: names read from untrusted places (an artifact's provenance) never reach outside.
     *
     * @throws FetchException naming the offending segment
     */
    public static Path inside(Path root, String... segments) {
        Path base = root.toAbsolutePath().normalize();
        Path p = base;
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('/') >= 0 || s.indexOf('\\') >= 0
                    || s.indexOf('\0') >= 0) {
                throw new FetchException("'" + s + "' cannot name a folder or file inside " + root);
            }
            p = p.resolve(s);
        }
        p = p.normalize();
        if (!p.startsWith(base) || p.equals(base)) {
            throw new FetchException(p + " lies outside " + root);
        }
        return p;
    }
}
