package org.xfer4j.data.registry;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A user name and password for an HTTP proxy, handed to Java's HTTP client as an {@link Authenticator} that answers
 * the proxy's challenges (HTTP 407) only, never a server's.
 */
record ProxyCredentials(String user, String password) {

    /**
     * The credentials of a proxy URL's user part ({@code http://user:pass@host:port}, as npm writes them, percent
     * encoded), else the JVM's {@code <scheme>.proxyUser} and {@code <scheme>.proxyPassword} properties for the
     * registry's scheme ({@code https} or {@code http}); null when neither names a user.
     */
    static ProxyCredentials of(URI proxy, String registryScheme) {
        if (proxy != null && proxy.getRawUserInfo() != null) {
            String info = proxy.getRawUserInfo();
            int colon = info.indexOf(':');
            return new ProxyCredentials(decode(colon < 0 ? info : info.substring(0, colon)),
                    colon < 0 ? "" : decode(info.substring(colon + 1)));
        }
        String user = System.getProperty(registryScheme + ".proxyUser");
        if (user == null || user.isBlank()) {
            return null;
        }
        String password = System.getProperty(registryScheme + ".proxyPassword");
        return new ProxyCredentials(user, password == null ? "" : password);
    }

    /** An authenticator giving these credentials to proxies. */
    Authenticator authenticator() {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY
                        ? new PasswordAuthentication(user, password.toCharArray()) : null;
            }
        };
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "proxy user " + user; // never the password
    }
}
