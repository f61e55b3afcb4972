package org.xfer4j.core.artifact;

/** Names of the entries in an artifact zip. */
final class ArtifactEntries {

    static final String MANIFEST = "manifest.properties";
    static final String OPTIONS = "options.properties";
    static final String PROVENANCE = "provenance.properties";
    static final String SOURCE = "source/";

    private ArtifactEntries() {
    }
}
