package org.xfer4j.data.registry;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks gzip-compressed tar archives (what the npm registry serves) through Apache Commons Compress, which reads
 * pax headers and GNU long names, so long member paths keep their names. Regular files and folders only.
 */
final class Tar {

    private Tar() {
    }

    /** Extracts {@code archive} below {@code target}; entries that would escape it are refused. */
    static void extractGzip(Path archive, Path target) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target) || out.equals(target) && !entry.isDirectory()) {
                    throw new IOException("archive entry '" + entry.getName() + "' points outside " + target);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out);
                } // links and devices: skipped
            }
        }
    }
}
