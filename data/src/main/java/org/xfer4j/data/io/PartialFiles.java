package org.xfer4j.data.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the temporary files that writes go through before they are renamed into place, so that one left behind (a
 * process killed with {@code kill -9} mid-write) is recognisable, and removes such leftovers on the next write to the
 * same folder: {@code .<file name>.xfer4j-partial-<pid>-<n>}. A leftover is removed when the process that wrote it is
 * gone, or when it has not been written to for a day (its process id reused by another program).
 */
public final class PartialFiles {

    /** What every partial file's name holds, before the writing process id. */
    public static final String MARK = ".xfer4j-partial-";

    private static final Pattern NAME = Pattern.compile("^\\..+" + Pattern.quote(MARK) + "(\\d+)-\\d+$");
    private static final Duration ABANDONED = Duration.ofDays(1);
    private static final AtomicLong COUNTER = new AtomicLong();

    private PartialFiles() {
    }

    /** A fresh partial-file path beside {@code target}; leftovers of dead writers in its folder are removed first. */
    public static Path beside(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        removeStale(dir);
        return dir.resolve("." + target.getFileName() + MARK + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet());
    }

    /**
     * Removes the partial files in {@code dir} whose writing process has ended (or that were last written a day ago);
     * returns how many. Files that cannot be listed or removed are left alone: this is housekeeping, never a failure.
     */
    public static int removeStale(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "." + "*" + MARK + "*")) {
            Instant dayAgo = Instant.now().minus(ABANDONED);
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && Files.isRegularFile(f) && stale(Long.parseLong(m.group(1)), f, dayAgo)
                        && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable folder fails the write itself, with a clearer message than this one could give
        }
        return removed;
    }

    private static boolean stale(long pid, Path f, Instant dayAgo) throws IOException {
        if (pid == ProcessHandle.current().pid()) {
            return false; // this process's own writes in progress
        }
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        FileTime modified = Files.getLastModifiedTime(f);
        return !alive || modified.toInstant().isBefore(dayAgo);
    }
}
