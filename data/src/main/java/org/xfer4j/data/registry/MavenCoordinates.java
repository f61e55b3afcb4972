package org.xfer4j.data.registry;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Maven coordinates group:artifact:version, checked against Maven's grammar (dot-separated identifier segments of
 * letters, digits, '_' and '-'; versions also '+'), so no part can be a path segment such as ".." or hold a separator.
 *
 * @param group the groupId, e.g. dev.langchain4j
 * @param artifact the artifactId
 * @param version the version
 */
public record MavenCoordinates(String group, String artifact, String version) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_+-]+(\\.[A-Za-z0-9_+-]+)*");

    public MavenCoordinates {
        if (group == null || artifact == null || version == null || !ID.matcher(group).matches()
                || !ID.matcher(artifact).matches() || !VERSION.matcher(version).matches()) {
            throw new FetchException("Maven coordinates must be group:artifact:version of letters, digits, '_', '-' "
                    + "and dots between them, got '" + group + ":" + artifact + ":" + version + "'");
        }
    }

    /**
     * Parses "group:artifact:version".
     *
     * @throws FetchException naming the text when it is not three valid parts
     */
    public static MavenCoordinates parse(String coordinates) {
        String[] c = coordinates.split(":", -1);
        if (c.length != 3) {
            throw new FetchException("Maven coordinates must be group:artifact:version, got '" + coordinates + "'");
        }
        return new MavenCoordinates(c[0], c[1], c[2]);
    }

    /** The jar's place in the local repository {@code repository}, checked to stay inside it. */
    public Path jarIn(Path repository) {
        String[] segments = (group.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact + "-" + version
                + ".jar").split("/");
        return CacheDirs.inside(repository, segments);
    }

    @Override
    public String toString() {
        return group + ":" + artifact + ":" + version;
    }
}
