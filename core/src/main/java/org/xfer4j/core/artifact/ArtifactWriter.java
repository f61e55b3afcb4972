package org.xfer4j.core.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.xfer4j.api.XferException;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.data.io.TextFiles;

/**
 * Writes artifacts (format {@value Manifest#FORMAT_VERSION}: the manifest, written last, records the size and SHA-256
 * of every other entry) through {@link TextFiles}, the one writer of users' files: a regular file is replaced
 * atomically (a temporary file in the target's folder, forced to disk, renamed over the target in one step), so if
 * anything fails (the provider's payload writer included) an earlier file at the target stays as it was; links are
 * followed, devices, FIFOs and "-" (standard output) written directly. Saved files are readable by their owner only,
 * where POSIX.
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
        try {
            TextFiles.writeBytes(target, true, out -> {
                try (EntryDigests.Recording zip = new EntryDigests.Recording(out)) {
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
                    // last, so that it can record the size and SHA-256 of every other entry
                    Map<String, String> m = new TreeMap<>(manifest.toProperties());
                    m.putAll(zip.toProperties());
                    put(zip, ArtifactEntries.MANIFEST, PropertiesText.write(m));
                }
            });
        } catch (IOException e) {
            throw new XferException("cannot save artifact " + target + ": " + e.getMessage(), e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
