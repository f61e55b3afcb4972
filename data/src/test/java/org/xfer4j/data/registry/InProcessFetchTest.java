package org.xfer4j.data.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching without registry clients: tarballs with pax long names unpack under their real names, a tarball whose
 * SHA-512 differs from the registry's integrity hash is refused (a registry served on the loopback address), and
 * the mirrors of a Maven settings file are where Maven Resolver goes.
 */
class InProcessFetchTest {

    private static final String LONG = "package/" + "very-long-folder-name-".repeat(6) + "/model-weights-shard-1.bin";

    @Test
    void paxLongNamesKeepTheirNames(@TempDir Path dir) throws IOException {
        Path tgz = tarball(dir, LONG, "weights");
        Path out = Files.createDirectory(dir.resolve("out"));
        Tar.extractGzip(tgz, out);
        assertThat(LONG.length()).isGreaterThan(100); // beyond ustar's name field
        assertThat(out.resolve(LONG)).hasContent("weights");
    }

    @Test
    void entriesReachingOutsideAreRefused(@TempDir Path dir) throws IOException {
        Path tgz = tarball(dir, "package/../../evil.txt", "x");
        Path out = Files.createDirectory(dir.resolve("out"));
        assertThatThrownBy(() -> Tar.extractGzip(tgz, out)).hasMessageContaining("points outside");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void aTarballFailingItsIntegrityHashIsRefusedAndNothingIsCached(@TempDir Path dir) throws Exception {
        byte[] good = Files.readAllBytes(tarball(dir, "package/package.json", "{\"name\": \"tiny\"}"));
        String integrity = "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512")
                .digest(good));
        byte[] tampered = good.clone();
        tampered[tampered.length - 1] ^= 1;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        serve(server, "/tiny/1.0.0", ("{\"dist\": {\"tarball\": \"" + base + "tiny.tgz\", \"integrity\": \""
                + integrity + "\"}}").getBytes(StandardCharsets.UTF_8));
        serve(server, "/tiny.tgz", tampered);
        serve(server, "/good/1.0.0", ("{\"dist\": {\"tarball\": \"" + base + "good.tgz\", \"integrity\": \""
                + integrity + "\"}}").getBytes(StandardCharsets.UTF_8));
        serve(server, "/good.tgz", good);
        server.start();
        try {
            NpmPackages npm = new NpmPackages(dir.resolve("cache"), () -> new NpmRegistry(base,
                    ProxySelector.of(null)));
            assertThatThrownBy(() -> npm.fetch("tiny@1.0.0")).isInstanceOf(FetchException.class)
                    .hasMessageContaining("tiny@1.0.0").hasMessageContaining("differs from the published integrity");
            assertThat(dir.resolve("cache/npm/tiny@1.0.0")).doesNotExist();
            assertThat(npm.fetch("good@1.0.0").resolve("package.json")).hasContent("{\"name\": \"tiny\"}");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void mavenResolverGoesThroughTheSettingsMirror(@TempDir Path dir) throws IOException {
        // a mirror of central on a closed loopback port: the fetch must try it (and fail there), not Maven Central
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings><mirrors><mirror><id>company</id><url>http://127.0.0.1:9/maven2/</url>
                <mirrorOf>central</mirrorOf></mirror></mirrors></settings>""");
        MavenArtifacts maven = new MavenArtifacts(dir.resolve("repo"), MavenSettings.read(settings));
        assertThatThrownBy(() -> maven.resolve("org.slf4j:slf4j-nop:2.0.17")).isInstanceOf(FetchException.class)
                .hasMessageContaining("org.slf4j:slf4j-nop:2.0.17").hasMessageContaining("127.0.0.1:9");
    }

    @Test
    void mavenResolverFetchesAJarFromCentralIntoAFreshRepository(@TempDir Path dir) {
        Path jar = new MavenArtifacts(dir.resolve("repo"), MavenSettings.NONE).resolve("org.slf4j:slf4j-nop:2.0.17");
        assertThat(jar).isEqualTo(dir.resolve("repo/org/slf4j/slf4j-nop/2.0.17/slf4j-nop-2.0.17.jar")).isRegularFile();
    }

    private static void serve(HttpServer server, String path, byte[] body) {
        server.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private static Path tarball(Path dir, String name, String content) throws IOException {
        Path tgz = Files.createTempFile(dir, "t", ".tgz");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(
                Files.newOutputStream(tgz)))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(bytes.length);
            tar.putArchiveEntry(e);
            tar.write(bytes);
            tar.closeArchiveEntry();
        }
        return tgz;
    }
}
