package org.xfer4j.core.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.xfer4j.api.XferException;
import org.xfer4j.api.repurpose.PayloadWriter;

/**
 * Writes artifacts atomically: into a temporary file in the target's folder, flushed to disk, then renamed over the
 * target in one step. If anything fails (the provider's payload writer included) the temporary file is removed and
 * an earlier file at the target stays as it was. Saved files are readable by their owner only, where POSIX.
 */
public final class ArtifactWriter {

    private ArtifactWriter() {
    }

    /**
     * Saves an artifact to {@code target}.
     *
     * @param payload writes the provider's entries
     * @param sourceModel a source model file to carry inside the artifact, or null
     * @throws XferException naming the target when it cannot be written; exceptions of {@code payload} pass through
     */
    public static void write(Path target, Manifest manifest, Map<String, String> options, Provenance provenance,
                             Consumer<PayloadWriter> payload, Path sourceModel) {
        write(target, manifest, options, provenance, Map.of(), payload, sourceModel);
    }

    /**
     * Saves an artifact with optional {@code sections} (by name, see {@link Artifact#TUNING} and
     * {@link Artifact#CALIBRATION}) to {@code target}.
     *
     * @throws XferException naming the target when it cannot be written; exceptions of {@code payload} pass through
     */
    public static void write(Path target, Manifest manifest, Map<String, String> options, Provenance provenance,
                             Map<String, Map<String, String>> sections, Consumer<PayloadWriter> payload,
                             Path sourceModel) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel);
                 ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, ArtifactEntries.MANIFEST, PropertiesText.write(manifest.toProperties()));
                put(zip, ArtifactEntries.OPTIONS, PropertiesText.write(options));
                put(zip, ArtifactEntries.PROVENANCE, PropertiesText.write(provenance.toProperties()));
                for (Map.Entry<String, Map<String, String>> s : new TreeMap<>(sections).entrySet()) {
                    put(zip, s.getKey() + ArtifactEntries.SECTION_SUFFIX, PropertiesText.write(s.getValue()));
                }
                payload.accept(new ZipPayloadWriter(zip));
                if (sourceModel != null) {
                    zip.putNextEntry(new ZipEntry(ArtifactEntries.SOURCE + sourceModel.getFileName()));
                    Files.copy(sourceModel, zip);
                    zip.closeEntry();
                }
                zip.finish();
                channel.force(true);
            }
            ownerOnly(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new XferException("cannot save artifact " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the save already failed with the exception that matters
                }
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static void ownerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
