package org.xfer4j.core.artifact;

import java.nio.file.Path;
import java.util.Map;
import org.xfer4j.api.repurpose.PayloadReader;

/**
 * A read artifact: its manifest, the provider options as properties, the provenance and the payload; the source
 * model, when the artifact carries one, can be copied out with {@link ArtifactReader#copySourceModel}.
 *
 * @param file the artifact file
 * @param sourceModelEntry the zip entry of the bundled source model, or null when there is none
 */
public record Artifact(Path file, Manifest manifest, Map<String, String> options, Provenance provenance,
                       PayloadReader payload, String sourceModelEntry) {

    public Artifact {
        options = Map.copyOf(options);
    }

    /** Whether the artifact carries its source model. */
    public boolean hasSourceModel() {
        return sourceModelEntry != null;
    }
}
