package org.xfer4j.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.SpiVersion;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;

class ArtifactTest {

    @TempDir
    Path dir;

    static final Manifest MANIFEST = new Manifest(Manifest.FORMAT_UNCALIBRATED, Manifest.Kind.FEATURE, "prototype", "1.2",
            new SpiVersion(1, 0), Map.of("xfer4j", "0.1.0", "java", "25"), Instant.parse("2026-11-28T05:00:00Z"));
    static final Provenance PROVENANCE = new Provenance("fake:tiny", "fake model", "ab12", List.of("conv1", "fc, 2"),
            "tickets", 4, "cd34", 42L, "OpenJDK 25", "Linux 6 amd64", "0.1.0");

    private static final Consumer<PayloadWriter> PAYLOAD = w -> {
        w.putFloats("w", new float[] {1.5f, -2, 3, 4, 5, 6}, 2, 3);
        w.putDoubles("head/b", new double[] {0.25, Double.MIN_VALUE}, 2);
        w.putInts("counts", new int[] {7, -8}, 2);
        w.putText("classes", "ham\nspäm");
        w.putBytes("raw", new byte[] {0, 1, (byte) 255});
    };

    private Path save(String name, Consumer<PayloadWriter> payload) {
        Path target = dir.resolve(name);
        ArtifactWriter.write(target, MANIFEST, Map.of("temperature", "0.5"), PROVENANCE, payload, null);
        return target;
    }

    @Test
    void everythingWrittenReadsBack() {
        Artifact a = ArtifactReader.read(save("a.xfer", PAYLOAD));
        assertThat(a.manifest()).isEqualTo(MANIFEST);
        assertThat(a.options()).isEqualTo(Map.of("temperature", "0.5"));
        assertThat(a.provenance()).isEqualTo(PROVENANCE);
        assertThat(a.hasSourceModel()).isFalse();
        PayloadReader p = a.payload();
        assertThat(p.names()).containsExactlyInAnyOrder("w", "head/b", "counts", "classes", "raw");
        assertThat(p.shape("w")).containsExactly(2, 3);
        assertThat(p.getFloats("w")).containsExactly(1.5f, -2, 3, 4, 5, 6);
        assertThat(p.getDoubles("head/b")).containsExactly(0.25, Double.MIN_VALUE);
        assertThat(p.getInts("counts")).containsExactly(7, -8);
        assertThat(p.getText("classes")).isEqualTo("ham\nspäm");
        assertThat(p.getBytes("raw")).containsExactly(0, 1, 255);
    }

    @Test
    void payloadEntriesArePlainLittleEndianArraysBehindASmallHeader() throws IOException {
        Path file = save("a.xfer", PAYLOAD);
        byte[] raw;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            raw = zip.getInputStream(zip.getEntry("payload/w")).readAllBytes();
            assertThat(new String(zip.getInputStream(zip.getEntry("options.properties")).readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("temperature=0.5\n");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(raw, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("XFP1");
        b.position(4);
        assertThat(b.get()).as("type float32").isEqualTo((byte) 1);
        assertThat(b.get()).as("rank").isEqualTo((byte) 2);
        assertThat(b.getInt()).isEqualTo(2);
        assertThat(b.getInt()).isEqualTo(3);
        assertThat(b.getFloat()).isEqualTo(1.5f);
        assertThat(raw).hasSize(4 + 2 + 8 + 6 * 4);
    }

    @Test
    void theSourceModelCanTravelInside() throws IOException {
        Path onnx = Files.write(dir.resolve("tiny.onnx"), new byte[] {8, 7, 6});
        Path target = dir.resolve("with-source.xfer");
        ArtifactWriter.write(target, MANIFEST, Map.of(), PROVENANCE, PAYLOAD, onnx);
        Artifact a = ArtifactReader.read(target);
        assertThat(a.sourceModelEntry()).isEqualTo("source/tiny.onnx");
        Path copy = dir.resolve("copy.onnx");
        ArtifactReader.copySourceModel(a, copy);
        assertThat(Files.readAllBytes(copy)).containsExactly(8, 7, 6);
    }

    @Test
    void aFailingSaveLeavesTheEarlierFileIntactAndNoTemporaryFile() throws IOException {
        Path target = save("model.xfer", PAYLOAD);
        byte[] before = Files.readAllBytes(target);
        assertThatThrownBy(() -> save("model.xfer", w -> {
            w.putFloats("w", new float[] {1}, 1);
            throw new IllegalStateException("provider failed half-way");
        })).hasMessage("provider failed half-way");
        assertThat(Files.readAllBytes(target)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void savedFilesAreReadableByTheirOwnerOnly() throws IOException {
        Path target = save("private.xfer", PAYLOAD);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        }
    }

    @Test
    void newerFormatIsRefusedWithBothVersions() throws IOException {
        Path file = withManifest("future.xfer", "format.version=4\nmodel.kind=hologram\n");
        assertThatThrownBy(() -> ArtifactReader.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage("artifact " + file + ": artifact format 4 is newer than this Xfer4j supports (3)");
    }

    @Test
    void formatVersionBelowOneAndAFutureSpiMajorAreRefused() throws IOException {
        for (String version : List.of("0", "-3")) {
            Path file = withManifest("v" + version + ".xfer", "format.version=" + version + "\n");
            assertThatThrownBy(() -> ArtifactReader.read(file)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("artifact " + file + " has format version " + version + "; versions start at 1");
        }
        Path future = withManifest("spi.xfer", "format.version=1\nmodel.kind=feature\nprovider.id=lr\n"
                + "provider.version=9\nprovider.spi=" + (SpiVersion.CURRENT.major() + 1) + ".0\n"
                + "created=2026-11-28T05:00:00Z\n");
        assertThatThrownBy(() -> ArtifactReader.read(future)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("built against SPI " + (SpiVersion.CURRENT.major() + 1) + ".0, a newer major");
    }

    @Test
    void aFolderOrAFifoIsNamedForWhatItIs() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.xfer"));
        assertThatThrownBy(() -> ArtifactReader.read(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessage("artifact " + folder + " is a folder, not an artifact file");
        Path fifo = dir.resolve("pipe.xfer");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // before, this blocked until something wrote to the pipe
        assertThatThrownBy(() -> ArtifactReader.read(fifo)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a regular file");
    }

    private Path withManifest(String name, String manifest) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("manifest.properties"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    @Test
    void theManifestRecordsEveryEntrysSizeAndSha256() throws IOException {
        Path file = save("digests.xfer", PAYLOAD);
        Map<String, String> manifest;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            manifest = PropertiesText.read(zip.getInputStream(zip.getEntry("manifest.properties")).readAllBytes());
        }
        assertThat(manifest).containsEntry("format.version", "2")
                .containsKeys("entry.provenance.properties.sha256", "entry.options.properties.size",
                        "entry.payload/w.sha256", "entry.payload/raw.size");
    }

    @Test
    void anAlteredProvenanceIsRefusedBeforeItIsUsed() throws IOException {
        Path file = save("altered.xfer", PAYLOAD);
        // what the crafted artifact did: point the source model at a path outside the cache
        Path altered = rewrite(file, "altered-2.xfer", "provenance.properties", b -> new String(b,
                StandardCharsets.UTF_8).replace("fake\\:tiny", "maven\\:g\\:../../../../x\\:1").getBytes(StandardCharsets.UTF_8));
        // longer than recorded, so reading stops at the recorded size
        assertThatThrownBy(() -> ArtifactReader.read(altered)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("artifact " + altered + ": entry provenance.properties inflates beyond the")
                .hasMessageContaining("altered");
        Path sameLength = rewrite(file, "altered-3.xfer", "provenance.properties", b -> new String(b,
                StandardCharsets.UTF_8).replace("seed=42", "seed=43").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ArtifactReader.read(sameLength)).isInstanceOf(InvalidInputException.class)
                .hasMessage("artifact " + sameLength + " is damaged or altered: entry provenance.properties does not "
                        + "match the size and SHA-256 its manifest records");
        Path extra = rewrite(file, "extra.xfer", "payload/sneaked", b -> new byte[] {1});
        assertThatThrownBy(() -> ArtifactReader.read(extra)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds entry payload/sneaked that its manifest does not list");
    }

    @Test
    void anEntryInflatingBeyondItsRecordedSizeIsStoppedThere() throws IOException {
        Path file = save("bomb.xfer", PAYLOAD);
        // 64 MB of zeros compress to a few kB; the manifest still says 6 bytes
        Path bomb = rewrite(file, "bomb-2.xfer", "payload/raw", b -> new byte[64 << 20]);
        assertThatThrownBy(() -> ArtifactReader.read(bomb)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("entry payload/raw inflates beyond the")
                .hasMessageContaining("decompression bomb");
        // a manifest declaring a 3 GB entry is refused before a byte of it is read
        Path huge = rewrite(file, "huge.xfer", "manifest.properties", b -> (new String(b, StandardCharsets.UTF_8)
                .replaceAll("entry.payload/raw.size=\\d+", "entry.payload/raw.size=3000000000"))
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ArtifactReader.read(huge)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("entry payload/raw holds 3000000000 bytes, more than the limit");
    }

    /** A copy of {@code file} named {@code name} with entry {@code entry} replaced (or added) by {@code change}. */
    private Path rewrite(Path file, String name, String entry, UnaryOperator<byte[]> change) throws IOException {
        Path out = dir.resolve(name);
        try (ZipFile in = new ZipFile(file.toFile()); OutputStream os = Files.newOutputStream(out);
             ZipOutputStream zip = new ZipOutputStream(os)) {
            boolean replaced = false;
            for (ZipEntry e : in.stream().toList()) {
                byte[] b = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(entry)) {
                    b = change.apply(b);
                    replaced = true;
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(b);
                zip.closeEntry();
            }
            if (!replaced) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(change.apply(new byte[0]));
                zip.closeEntry();
            }
        }
        return out;
    }

    @Test
    void truncatedFileIsNamed() throws IOException {
        Path file = save("cut.xfer", PAYLOAD);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> ArtifactReader.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("artifact " + file + " is corrupt or truncated");
    }

    @Test
    void damagedEntryIsDetected() throws IOException {
        Path file = save("damaged.xfer", w -> w.putBytes("raw", new byte[4096]));
        byte[] all = Files.readAllBytes(file);
        int at = indexOf(all, "payload/raw".getBytes(StandardCharsets.US_ASCII)) + "payload/raw".length() + 4;
        all[at] ^= 0x55;
        Files.write(file, all);
        assertThatThrownBy(() -> ArtifactReader.read(file).payload().getBytes("raw"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("artifact " + file + " is corrupt");
    }

    @Test
    void fileWithoutManifestIsNotAnArtifact() throws IOException {
        Path file = dir.resolve("other.zip");
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> ArtifactReader.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage("artifact " + file + " is not an Xfer4j artifact: it has no manifest.properties");
        assertThatThrownBy(() -> ArtifactReader.read(dir.resolve("absent.xfer")))
                .hasMessageContaining("absent.xfer does not exist");
    }

    @Test
    void missingOrMistypedPayloadEntryIsNamed() {
        Path file = save("a.xfer", PAYLOAD);
        PayloadReader p = ArtifactReader.read(file).payload();
        assertThatThrownBy(() -> p.getFloats("bias")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("artifact " + file + " has no payload entry 'bias'");
        assertThatThrownBy(() -> p.getDoubles("w")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("payload entry 'w' of artifact " + file + " holds floats, not doubles");
    }

    @Test
    void payloadNamesAndShapesAreChecked() {
        assertThatThrownBy(() -> save("bad.xfer", w -> w.putFloats("../escape", new float[1], 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'../escape'");
        assertThatThrownBy(() -> save("bad.xfer", w -> w.putFloats("w", new float[5], 2, 3)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("shape [2, 3] but 5 values");
        assertThatThrownBy(() -> save("bad.xfer", w -> {
            w.putText("t", "a");
            w.putText("t", "b");
        })).isInstanceOf(InvalidInputException.class).hasMessageContaining("'t' is written twice");
        assertThat(dir.resolve("bad.xfer")).doesNotExist();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
