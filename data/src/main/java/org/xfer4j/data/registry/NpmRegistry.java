package org.xfer4j.data.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.xfer4j.data.json.JsLiteral;

/**
 * The npm registry over HTTP: a version's metadata (its tarball URL and published integrity hash) and the tarball,
 * whose SHA-512 is checked before it is used. The registry and proxy come from ~/.npmrc ({@code registry},
 * {@code https-proxy}, {@code proxy}) or the environment ({@code npm_config_registry}, {@code HTTPS_PROXY}), else
 * the JVM's proxy properties. A proxy asking for credentials gets those of its URL's user part, else of the JVM's
 * {@code https.proxyUser}/{@code https.proxyPassword} (or {@code http.} for an http registry). The JDK refuses Basic
 * proxy authentication inside CONNECT tunnels (https registries) unless {@code -Djdk.http.auth.tunneling.disabledSchemes=}
 * (empty) is set at start-up; a refusal is reported saying so.
 */
final class NpmRegistry {

    private static final String DEFAULT_REGISTRY = "https://registry.npmjs.org/";

    private final String registry;
    private final HttpClient http;

    private final ProxyCredentials credentials;

    /** The registry at {@code registry} (a URL), reached through {@code proxy}. */
    NpmRegistry(String registry, ProxySelector proxy) {
        this(registry, proxy, null);
    }

    /** The registry at {@code registry}, reached through {@code proxy} with {@code credentials} (null: none). */
    NpmRegistry(String registry, ProxySelector proxy, ProxyCredentials credentials) {
        this.registry = registry.endsWith("/") ? registry : registry + "/";
        this.credentials = credentials;
        HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).proxy(proxy);
        if (credentials != null) {
            b.authenticator(credentials.authenticator());
        }
        this.http = b.build();
    }

    /** The registry the user's npm configuration names. */
    static NpmRegistry configured() {
        Map<String, String> npmrc = NpmConfig.user();
        String registry = firstSet(DEFAULT_REGISTRY, System.getenv("npm_config_registry"), npmrc.get("registry"));
        String proxy = firstSet(null, System.getenv("npm_config_https_proxy"), npmrc.get("https-proxy"),
                npmrc.get("proxy"), System.getenv("HTTPS_PROXY"), System.getenv("https_proxy"));
        ProxySelector selector = ProxySelector.getDefault();
        URI u = proxy == null ? null : URI.create(proxy);
        if (u != null) {
            selector = ProxySelector.of(new InetSocketAddress(u.getHost(), u.getPort() > 0 ? u.getPort() : 80));
        }
        return new NpmRegistry(registry, selector, ProxyCredentials.of(u, URI.create(registry).getScheme()));
    }

    /**
     * Downloads the tarball of {@code name@version} to {@code file}, checked against the registry's integrity hash.
     *
     * @throws FetchException naming the package when the registry lacks it or the hash differs
     */
    void download(String name, String version, Path file) throws IOException, InterruptedException {
        String spec = name + "@" + version;
        URI meta = URI.create(registry + name.replace("/", "%2f") + "/" + version);
        HttpResponse<String> r = send(HttpRequest.newBuilder(meta).header("Accept", "application/json")
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString(), spec);
        if (r.statusCode() != 200) {
            throw new FetchException("cannot fetch npm package " + spec + ": " + meta + " answered HTTP "
                    + r.statusCode());
        }
        Map<?, ?> dist = (Map<?, ?>) ((Map<?, ?>) JsLiteral.parse(r.body(), meta.toString())).get("dist");
        String tarball = dist == null ? null : (String) dist.get("tarball");
        String integrity = dist == null ? null : (String) dist.get("integrity");
        if (tarball == null || integrity == null || !integrity.startsWith("sha512-")) {
            throw new FetchException("npm package " + spec + ": the registry gives no tarball with a sha512 integrity"
                    + " hash (" + integrity + ")");
        }
        HttpResponse<Path> t = send(HttpRequest.newBuilder(URI.create(tarball)).timeout(Duration.ofMinutes(30))
                .build(), HttpResponse.BodyHandlers.ofFile(file), spec);
        if (t.statusCode() != 200) {
            throw new FetchException("cannot fetch npm package " + spec + ": " + tarball + " answered HTTP "
                    + t.statusCode());
        }
        String actual = "sha512-" + Base64.getEncoder().encodeToString(sha512(file));
        if (!actual.equals(integrity)) {
            Files.deleteIfExists(file);
            throw new FetchException("npm package " + spec + ": the tarball's hash " + actual + " differs from the"
                    + " published integrity " + integrity + "; nothing was unpacked");
        }
    }

    /**
     * {@code request} sent; a proxy that still wants credentials (HTTP 407, or a CONNECT tunnel it refused) is
     * reported saying what was offered and what the JDK allows.
     */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body, String spec)
            throws IOException, InterruptedException {
        HttpResponse<T> r;
        try {
            r = http.send(request, body);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("407")) {
                throw proxyRefused(request.uri(), spec, e);
            }
            throw e;
        }
        if (r.statusCode() == 407) {
            throw proxyRefused(request.uri(), spec, null);
        }
        return r;
    }

    private FetchException proxyRefused(URI uri, String spec, IOException cause) {
        String offered = credentials == null ? "no credentials were given (put them in the proxy URL, "
                + "http://user:password@host:port, or set -Dhttps.proxyUser and -Dhttps.proxyPassword)"
                : "the credentials of " + credentials + " were offered";
        String tunnel = "https".equalsIgnoreCase(uri.getScheme()) ? "; for an https registry the JDK sends Basic "
                + "credentials through a proxy tunnel only when started with -Djdk.http.auth.tunneling.disabledSchemes="
                + " (empty; its default disables Basic)" : "";
        return new FetchException("cannot fetch npm package " + spec + ": the proxy wants authentication (HTTP 407) "
                + "for " + uri + "; " + offered + tunnel, cause);
    }

    private static byte[] sha512(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-512"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return in.getMessageDigest().digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }

    /** The first of {@code candidates} that is set, else {@code fallback}. */
    private static String firstSet(String fallback, String... candidates) {
        for (String v : candidates) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return fallback;
    }
}
