package org.xfer4j.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.SpiVersion;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.core.calibration.Calibration;
import org.xfer4j.core.tuning.Objective;
import org.xfer4j.core.tuning.Strategy;
import org.xfer4j.core.tuning.TuningResult;
import org.xfer4j.core.tuning.TuningSettings;

/**
 * Artifacts written in format 1, format 2 (entry sizes and SHA-256 in the manifest) and format 3 (a calibration
 * section, here with a tuning section too) and committed: a prototype
 * classifier over two features, classes a (prototype 0,0) and b (prototype 2,2). Every later Xfer4j must keep reading
 * them; never regenerate them, add a new golden file for a new format instead.
 */
class GoldenArtifactTest {

    /** The committed format-1 artifact. */
    static Path golden() {
        return golden(1);
    }

    /** The committed artifact of format {@code version}. */
    static Path golden(int version) {
        try {
            return Path.of(GoldenArtifactTest.class.getResource("/golden/prototype-format" + version + ".xfer").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The committed format-3 artifact: the format-1 classifier, with a calibration section (temperature 1.5) and the
     * trace of a two-trial search of the prototype temperature, every entry digested.
     */
    @Test
    void formatThreeArtifactReadsItsSections() {
        Path file = golden(3);
        Artifact a = ArtifactReader.read(file);
        assertThat(a.manifest().formatVersion()).isEqualTo(3);
        assertThat(a.payload().getDoubles("prototypes")).containsExactly(0, 0, 2, 2);
        Calibration c = Calibration.fromProperties(a.section(Artifact.CALIBRATION).orElseThrow(), file.toString());
        assertThat(c.temperature().value()).isEqualTo(1.5);
        assertThat(c.before().nll()).isEqualTo(0.25);
        assertThat(c.after().ece()).isEqualTo(0.1);
        TuningResult t = TuningResult.fromProperties(a.section(Artifact.TUNING).orElseThrow(), file.toString());
        assertThat(t.settings()).isEqualTo(new TuningSettings(Strategy.BAYES, 2, 2, Objective.LOG_LOSS));
        assertThat(t.trials()).hasSize(2);
        assertThat(t.bestOptions()).isEqualTo(Map.of("standardize", "false", "temperature", "2.0"));
        assertThat(ArtifactReader.read(golden()).sections()).isEmpty();
        assertThat(ArtifactReader.read(golden(2)).sections()).isEmpty();
    }

    @Test
    void formatOneArtifactStillReads() {
        Artifact a = ArtifactReader.read(golden());
        Manifest m = a.manifest();
        assertThat(m.formatVersion()).isEqualTo(1);
        assertThat(m.kind()).isEqualTo(Manifest.Kind.FEATURE);
        assertThat(m.providerId()).isEqualTo("prototype");
        assertThat(m.providerSpi()).isEqualTo(new SpiVersion(1, 0));
        assertThat(m.created()).isEqualTo(Instant.parse("2026-11-28T05:30:00Z"));
        assertThat(m.libraries()).containsKeys("xfer4j", "spi", "java");
        assertThat(a.options()).isEqualTo(Map.of("temperature", "2.0", "standardize", "false"));
        Provenance p = a.provenance();
        assertThat(p.sourceReference()).isEqualTo("fake:golden");
        assertThat(p.sourceSha256()).startsWith("9f86d081");
        assertThat(p.layers()).isEqualTo(List.of("fc"));
        assertThat(p.datasetSize()).isEqualTo(4);
        assertThat(p.seed()).isEqualTo(42L);
        PayloadReader payload = a.payload();
        assertThat(payload.getText("classes")).isEqualTo("a\nb");
        assertThat(payload.shape("prototypes")).containsExactly(2, 2);
        assertThat(payload.getDoubles("prototypes")).containsExactly(0, 0, 2, 2);
        assertThat(payload.getDoubles("scale")).containsExactly(1, 1);
    }

    @Test
    void formatTwoArtifactReadsWithItsEntriesVerified() {
        Artifact a = ArtifactReader.read(golden(2));
        assertThat(a.manifest().formatVersion()).isEqualTo(2);
        assertThat(a.manifest().providerSpi()).isEqualTo(new SpiVersion(1, 1));
        assertThat(a.options()).isEqualTo(Map.of("temperature", "2.0", "standardize", "false"));
        assertThat(a.provenance().sourceReference()).isEqualTo("fake:golden");
        assertThat(a.payload().getDoubles("prototypes")).containsExactly(0, 0, 2, 2);
        assertThat(a.payload().getText("classes")).isEqualTo("a\nb");
    }
}
