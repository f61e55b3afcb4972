package org.xfer4j.core.artifact;

import java.util.List;

/** Names of the entries in an artifact zip. */
final class ArtifactEntries {

    static final String MANIFEST = "manifest.properties";
    static final String OPTIONS = "options.properties";
    static final String PROVENANCE = "provenance.properties";
    static final String SOURCE = "source/";
    /** Optional sections, each a properties entry named {@code <section>.properties}. */
    static final List<String> SECTIONS = List.of(Artifact.TUNING, Artifact.CALIBRATION);
    static final String SECTION_SUFFIX = ".properties";

    private ArtifactEntries() {
    }
}
