package org.xfer4j.core.artifact;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.xfer4j.api.InvalidInputException;

/**
 * Reads artifacts written by {@link ArtifactWriter} in this or an older format version. A missing, truncated or
 * corrupt file, a newer format or a missing entry is an {@link InvalidInputException} naming the file.
 */
public final class ArtifactReader {

    private ArtifactReader() {
    }

    /** Reads manifest, options, provenance and payload (held in memory) of {@code file}. */
    public static Artifact read(Path file) {
        String name = file.toString();
        try (ZipFile zip = open(file)) {
            Map<String, String> manifestProperties = PropertiesText.read(
                    required(zip, ArtifactEntries.MANIFEST, name, Map.of()));
            Manifest manifest = Manifest.fromProperties(manifestProperties, name);
            // format 2 on: every entry is checked against its recorded size and SHA-256 before any is used
            Map<String, EntryDigests.Digest> digests = manifest.formatVersion() >= Manifest.FIRST_WITH_DIGESTS
                    ? EntryDigests.fromProperties(manifestProperties, name) : Map.of();
            if (manifest.formatVersion() >= Manifest.FIRST_WITH_DIGESTS) {
                EntryDigests.verify(zip, digests, name);
            }
            Map<String, String> options = PropertiesText.read(required(zip, ArtifactEntries.OPTIONS, name, digests));
            Provenance provenance = Provenance.fromProperties(
                    PropertiesText.read(required(zip, ArtifactEntries.PROVENANCE, name, digests)), name);
            Map<String, byte[]> payload = new HashMap<>();
            String source = null;
            for (ZipEntry e : zip.stream().toList()) {
                if (e.getName().startsWith(ZipPayloadWriter.PREFIX) && !e.isDirectory()) {
                    payload.put(e.getName().substring(ZipPayloadWriter.PREFIX.length()),
                            bytes(zip, e, name, digests));
                } else if (e.getName().startsWith(ArtifactEntries.SOURCE) && !e.isDirectory()) {
                    source = e.getName();
                }
            }
            Map<String, Map<String, String>> sections = new HashMap<>();
            for (String section : ArtifactEntries.SECTIONS) {
                ZipEntry e = zip.getEntry(section + ArtifactEntries.SECTION_SUFFIX);
                if (e != null) {
                    sections.put(section, PropertiesText.read(bytes(zip, e, name, digests)));
                }
            }
            return new Artifact(file, manifest, options, provenance, new ArtifactPayload(name, payload), source,
                    sections);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read artifact " + name + ": " + e.getMessage(), e);
        }
    }

    /** Copies the source model that {@code artifact} carries to {@code target}. */
    public static void copySourceModel(Artifact artifact, Path target) {
        if (!artifact.hasSourceModel()) {
            throw new InvalidInputException("artifact " + artifact.file() + " does not carry its source model");
        }
        try (ZipFile zip = open(artifact.file());
             InputStream in = zip.getInputStream(zip.getEntry(artifact.sourceModelEntry()))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InvalidInputException("cannot copy the source model out of artifact " + artifact.file() + ": "
                    + e.getMessage(), e);
        }
    }

    private static ZipFile open(Path file) throws IOException {
        // a folder would be called missing by ZipFile, and a FIFO would block until something writes to it
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("artifact " + file + " is a folder, not an artifact file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new InvalidInputException("artifact " + file + " is not a regular file (a device, pipe or socket); "
                    + "artifacts are read from files");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new InvalidInputException("artifact " + file + " does not exist");
        } catch (ZipException e) {
            throw new InvalidInputException("artifact " + file + " is corrupt or truncated (not a readable zip: "
                    + e.getMessage() + ")", e);
        }
    }

    private static byte[] required(ZipFile zip, String entry, String file, Map<String, EntryDigests.Digest> digests)
            throws IOException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            throw new InvalidInputException("artifact " + file + " is not an Xfer4j artifact: it has no " + entry);
        }
        return bytes(zip, e, file, digests);
    }

    /**
     * The bytes of an entry, read as a stream bounded by its recorded (or declared) size, and checked against the CRC
     * the zip recorded, so damaged content is not loaded.
     */
    private static byte[] bytes(ZipFile zip, ZipEntry e, String file, Map<String, EntryDigests.Digest> digests)
            throws IOException {
        EntryDigests.Digest d = digests.get(e.getName());
        byte[] b = EntryDigests.read(zip, e, d == null ? -1 : d.size(), file);
        CRC32 crc = new CRC32();
        crc.update(b);
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw new InvalidInputException("artifact " + file + " is corrupt: entry " + e.getName()
                    + " fails its checksum");
        }
        return b;
    }
}
