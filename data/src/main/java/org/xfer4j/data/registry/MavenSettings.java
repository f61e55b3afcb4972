package org.xfer4j.data.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What Maven's settings.xml says about reaching repositories: the local repository, mirrors and proxies (the parts
 * a standalone resolver needs), read from ~/.m2/settings.xml when it exists.
 *
 * @param localRepository the {@code localRepository} element, or null
 * @param mirrors         active mirrors, in file order
 * @param proxies         active proxies, in file order
 */
record MavenSettings(String localRepository, List<Mirror> mirrors, List<Proxy> proxies) {

    /** A mirror: {@code mirrorOf} as Maven reads it ("*", "central", "external:*", lists with "!"). */
    record Mirror(String id, String url, String mirrorOf) {
    }

    /** A proxy for {@code protocol}, with optional credentials and the hosts it skips ("a|*.b"). */
    record Proxy(String id, String protocol, String host, int port, String username, String password,
                 String nonProxyHosts) {
    }

    static final MavenSettings NONE = new MavenSettings(null, List.of(), List.of());

    /** The user's settings: {@code -Dxfer4j.maven.settings}, else ~/.m2/settings.xml; none where it is absent. */
    static MavenSettings user() {
        String p = System.getProperty("xfer4j.maven.settings");
        Path file = p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
        return Files.isRegularFile(file) ? read(file) : NONE;
    }

    /**
     * Reads {@code file}.
     *
     * @throws FetchException naming the file when it is not well-formed XML
     */
    static MavenSettings read(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = f.newDocumentBuilder().parse(Files.newInputStream(file)).getDocumentElement();
            List<Mirror> mirrors = new ArrayList<>();
            for (Element m : children(child(root, "mirrors"), "mirror")) {
                mirrors.add(new Mirror(text(m, "id", "mirror"), text(m, "url", null), text(m, "mirrorOf", "*")));
            }
            List<Proxy> proxies = new ArrayList<>();
            for (Element p : children(child(root, "proxies"), "proxy")) {
                if (!"false".equals(text(p, "active", "true"))) {
                    proxies.add(new Proxy(text(p, "id", "proxy"), text(p, "protocol", "http"), text(p, "host", null),
                            Integer.parseInt(text(p, "port", "80")), text(p, "username", null),
                            text(p, "password", null), text(p, "nonProxyHosts", null)));
                }
            }
            return new MavenSettings(text(root, "localRepository", null), List.copyOf(mirrors), List.copyOf(proxies));
        } catch (IOException | SAXException | ParserConfigurationException | NumberFormatException e) {
            throw new FetchException("cannot read Maven settings " + file + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            NodeList nodes = parent.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static String text(Element parent, String name, String fallback) {
        Element e = child(parent, name);
        return e == null || e.getTextContent().isBlank() ? fallback : e.getTextContent().trim();
    }
}
