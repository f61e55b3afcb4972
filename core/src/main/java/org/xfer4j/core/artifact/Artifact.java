package org.xfer4j.core.artifact;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.xfer4j.api.repurpose.PayloadReader;

/**
 * A read artifact: its manifest, the provider options as properties, the provenance and the payload; the source
 * model, when the artifact carries one, can be copied out with {@link ArtifactReader#copySourceModel}.
 *
 * @param file the artifact file
 * @param sourceModelEntry the zip entry of the bundled source model, or null when there is none
 * @param sections optional sections by name ({@link #TUNING}, {@link #CALIBRATION}), each key=value properties
 */
public record Artifact(Path file, Manifest manifest, Map<String, String> options, Provenance provenance,
                       PayloadReader payload, String sourceModelEntry, Map<String, Map<String, String>> sections) {

    /** The section holding the hyper-parameter search that chose the options (format 1 and later; a record only). */
    public static final String TUNING = "tuning";
    /** The section holding a calibration applied to every prediction (format 2 and later). */
    public static final String CALIBRATION = "calibration";

    public Artifact {
        options = Map.copyOf(options);
        sections = Map.copyOf(sections);
    }

    /** An artifact without optional sections. */
    public Artifact(Path file, Manifest manifest, Map<String, String> options, Provenance provenance,
                    PayloadReader payload, String sourceModelEntry) {
        this(file, manifest, options, provenance, payload, sourceModelEntry, Map.of());
    }

    /** The section {@code name}, if the artifact has it. */
    public Optional<Map<String, String>> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    /** Whether the artifact carries its source model. */
    public boolean hasSourceModel() {
        return sourceModelEntry != null;
    }
}
