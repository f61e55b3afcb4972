package org.xfer4j.data.registry;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny HTTP proxy on the loopback address that demands Basic credentials (HTTP 407 until it gets them) and serves
 * the files it holds for absolute URLs itself, so fetching through an authenticating proxy is tested without any
 * network. CONNECT tunnels are authenticated the same way, then refused (there is no TLS origin behind it).
 */
final class BasicAuthProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String expected;
    private final Map<String, byte[]> files;
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    /** A proxy accepting {@code user}:{@code password} and serving {@code files} (absolute URL to bytes). */
    BasicAuthProxy(String user, String password, Map<String, byte[]> files) throws IOException {
        this.expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.files = Map.copyOf(files);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "basic-auth-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Each request as "METHOD target with|without credentials", in arrival order. */
    List<String> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> handle(s), "basic-auth-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
             OutputStream out = socket.getOutputStream()) {
            List<String> head = head(in);
            if (head.isEmpty()) {
                return;
            }
            String[] line = head.getFirst().split(" ");
            boolean authorised = head.stream().skip(1).anyMatch(h -> h.toLowerCase(Locale.ROOT)
                    .startsWith("proxy-authorization:") && h.substring(h.indexOf(':') + 1).trim().equals(expected));
            seen.add(line[0] + " " + line[1] + (authorised ? " with credentials" : " without credentials"));
            if (!authorised) {
                respond(out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"xfer4j-test\"\r\n",
                        new byte[0]);
            } else if (line[0].equals("CONNECT")) {
                respond(out, "502 Bad Gateway", "", new byte[0]);
            } else {
                byte[] body = files.get(line[1]);
                respond(out, body == null ? "404 Not Found" : "200 OK", "", body == null ? new byte[0] : body);
            }
        } catch (IOException e) {
            // the client went away; nothing to serve
        }
    }

    private static List<String> head(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                String l = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                if (l.isEmpty()) {
                    return lines;
                }
                lines.add(l);
                line.reset();
            } else {
                line.write(b);
            }
        }
        return lines;
    }

    private static void respond(OutputStream out, String status, String headers, byte[] body) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
