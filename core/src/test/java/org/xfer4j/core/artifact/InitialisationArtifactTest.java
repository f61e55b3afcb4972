package org.xfer4j.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Provider;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.MetaCheckpoint;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.core.Xfer;

class InitialisationArtifactTest {

    private static final Provider LEAP = new Provider() {
        @Override
        public String id() {
            return "leap";
        }

        @Override
        public String description() {
            return "Leap";
        }
    };

    @Test
    void parametersStateAndRunSettingsReadBackAndXferLoadPointsToMetaTest(@TempDir Path dir) throws Exception {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("conv.weight", Tensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 1, 3));
        p.put("head.bias", Tensor.ofFloats(new float[] {-0.5f, 0.5f}, 2));
        Parameters state = new Parameters(Map.of("m.head.bias", Tensor.ofFloats(new float[] {0.1f, 0.2f}, 2)));
        MetaCheckpoint checkpoint = new MetaCheckpoint(40, new Parameters(p), state);
        Path file = dir.resolve("init.xfer");
        InitialisationArtifact.write(file, LEAP, Map.of("metaSteps", "100"), ArtifactTest.PROVENANCE,
                new byte[] {8, 1, 2}, Map.of("tasks", "episodes:mnist+fashion", "ways", "5"), checkpoint);

        InitialisationArtifact a = InitialisationArtifact.read(file);
        assertThat(a.manifest().kind()).isEqualTo(Manifest.Kind.INITIALISATION);
        assertThat(a.manifest().providerId()).isEqualTo("leap");
        assertThat(a.options()).containsEntry("metaSteps", "100");
        assertThat(a.run()).containsEntry("tasks", "episodes:mnist+fashion").containsEntry("ways", "5");
        assertThat(a.graph()).containsExactly(8, 1, 2);
        assertThat(a.checkpoint().step()).isEqualTo(40);
        assertThat(a.parameters().tensors().keySet()).containsExactly("conv.weight", "head.bias");
        assertThat(a.parameters()).isEqualTo(checkpoint.initialisation());
        assertThat(a.checkpoint().optimizerState()).isEqualTo(state);

        try (Xfer xfer = Xfer.builder().build()) {
            assertThatThrownBy(() -> xfer.load(file)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("holds a meta-learned initialisation (method leap)")
                    .hasMessageContaining("xfer4j meta-test --init");
        }
        Path model = dir.resolve("model.xfer");
        ArtifactWriter.write(model, ArtifactTest.MANIFEST, Map.of(), ArtifactTest.PROVENANCE, w -> { }, null);
        assertThatThrownBy(() -> InitialisationArtifact.read(model)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds a feature classifier made by prototype, not a meta-learned initialisation");
        assertThat(Files.size(file)).isPositive();
    }
}
