package org.xfer4j.data.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching through a proxy that demands Basic credentials, served on the loopback address together with the
 * repository and registry it fronts (hosts under .invalid, which never resolve: everything must go through the
 * proxy): Maven Resolver with the proxy credentials of a settings.xml, the npm client with those of the proxy URL or
 * the JVM's proxy properties; without credentials, or for an https registry whose tunnel the JDK will not
 * authenticate with Basic, the error says what to do.
 */
class AuthenticatedProxyTest {

    private static final String REPO = "http://repo.invalid/maven2/";
    private static final String JAR = REPO + "org/example/tiny/1.0/tiny-1.0.jar";
    private static final String NPM = "http://registry.invalid/";

    @Test
    void mavenResolverAuthenticatesWithTheSettingsProxyCredentials(@TempDir Path dir) throws Exception {
        byte[] jar = jar();
        Map<String, byte[]> files = Map.of(JAR, jar, JAR + ".sha1", HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1").digest(jar)).getBytes(StandardCharsets.US_ASCII));
        try (BasicAuthProxy proxy = new BasicAuthProxy("alice", "s3cret:x", files)) {
            Path settings = dir.resolve("settings.xml");
            Files.writeString(settings, """
                    <settings>
                      <mirrors><mirror><id>company</id><url>%s</url><mirrorOf>central</mirrorOf></mirror></mirrors>
                      <proxies><proxy><id>corp</id><protocol>http</protocol><host>127.0.0.1</host><port>%d</port>
                        <username>alice</username><password>s3cret:x</password></proxy></proxies>
                    </settings>""".formatted(REPO, proxy.port()));
            Path fetched = new MavenArtifacts(dir.resolve("repo"), MavenSettings.read(settings))
                    .resolve("org.example:tiny:1.0");
            assertThat(fetched).hasBinaryContent(jar);
            assertThat(proxy.seen()).contains("GET " + JAR + " with credentials");
        }
    }

    @Test
    void theNpmClientAuthenticatesWithTheProxyCredentialsAndSaysWhatIsMissingWithoutThem(@TempDir Path dir)
            throws Exception {
        byte[] tgz = tarball(dir);
        String integrity = "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512")
                .digest(tgz));
        Map<String, byte[]> files = Map.of(NPM + "tiny/1.0.0", ("{\"dist\": {\"tarball\": \"" + NPM
                + "tiny/-/tiny-1.0.0.tgz\", \"integrity\": \"" + integrity + "\"}}").getBytes(StandardCharsets.UTF_8),
                NPM + "tiny/-/tiny-1.0.0.tgz", tgz);
        try (BasicAuthProxy proxy = new BasicAuthProxy("bob", "p@ss word", files)) {
            ProxySelector via = ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port()));
            // npm's way: credentials in the proxy URL, percent-encoded
            ProxyCredentials fromUrl = ProxyCredentials.of(URI.create("http://bob:p%40ss%20word@127.0.0.1:"
                    + proxy.port()), "http");
            Path pkg = new NpmPackages(dir.resolve("cache"), () -> new NpmRegistry(NPM, via, fromUrl))
                    .fetch("tiny@1.0.0");
            assertThat(pkg.resolve("package.json")).hasContent("{\"name\": \"tiny\"}");
            assertThat(proxy.seen()).contains("GET " + NPM + "tiny/1.0.0 with credentials",
                    "GET " + NPM + "tiny/-/tiny-1.0.0.tgz with credentials");

            NpmPackages anonymous = new NpmPackages(dir.resolve("other"), () -> new NpmRegistry(NPM, via, null));
            assertThatThrownBy(() -> anonymous.fetch("tiny@1.0.0")).isInstanceOf(FetchException.class)
                    .hasMessageContaining("tiny@1.0.0").hasMessageContaining("HTTP 407")
                    .hasMessageContaining("no credentials were given");

            // an https registry goes through a CONNECT tunnel, where the JDK's default refuses Basic
            NpmPackages tunnelled = new NpmPackages(dir.resolve("tls"), () -> new NpmRegistry(
                    "https://registry.invalid/", via, fromUrl));
            assertThatThrownBy(() -> tunnelled.fetch("tiny@1.0.0")).isInstanceOf(FetchException.class)
                    .hasMessageContaining("jdk.http.auth.tunneling.disabledSchemes");
        }
    }

    @Test
    void theJvmProxyPropertiesGiveCredentialsWhenTheProxyUrlHasNone() {
        assertThat(ProxyCredentials.of(URI.create("http://proxy:3128"), "https")).isNull();
        System.setProperty("https.proxyUser", "carol");
        System.setProperty("https.proxyPassword", "pw");
        try {
            assertThat(ProxyCredentials.of(URI.create("http://proxy:3128"), "https"))
                    .isEqualTo(new ProxyCredentials("carol", "pw")).hasToString("proxy user carol");
            assertThat(ProxyCredentials.of(null, "http")).isNull(); // http.proxyUser is the http registry's
        } finally {
            System.clearProperty("https.proxyUser");
            System.clearProperty("https.proxyPassword");
        }
    }

    private static byte[] jar() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("model.onnx"));
            zip.write("not really a model".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] tarball(Path dir) throws IOException {
        Path tgz = dir.resolve("tiny.tgz");
        byte[] json = "{\"name\": \"tiny\"}".getBytes(StandardCharsets.UTF_8);
        try (OutputStream file = Files.newOutputStream(tgz);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            TarArchiveEntry e = new TarArchiveEntry("package/package.json");
            e.setSize(json.length);
            tar.putArchiveEntry(e);
            tar.write(json);
            tar.closeArchiveEntry();
        }
        return Files.readAllBytes(tgz);
    }
}
