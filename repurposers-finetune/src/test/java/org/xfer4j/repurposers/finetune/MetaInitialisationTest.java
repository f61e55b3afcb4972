package org.xfer4j.repurposers.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Provider;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.MetaCheckpoint;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.core.artifact.InitialisationArtifact;
import org.xfer4j.core.artifact.Provenance;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;

class MetaInitialisationTest {

    private static final Provider REPTILE = new Provider() {
        @Override
        public String id() {
            return "reptile";
        }

        @Override
        public String description() {
            return "test";
        }
    };

    private static Path init(Path dir, String name, Map<String, Tensor> parameters) {
        Path file = dir.resolve(name);
        InitialisationArtifact.write(file, REPTILE, Map.of(), new Provenance("net:mlp", "mlp", "00", List.of(),
                "toy", 1, "00", 1, "jvm", "os", "0.1.0"), new byte[0], Map.of(),
                new MetaCheckpoint(10, new Parameters(parameters), new Parameters(Map.of())));
        return file;
    }

    @Test
    void theInitialisationReplacesTheParametersOfAMatchingGraphAndNamesAMismatch(@TempDir Path dir) {
        OnnxGraph g = OnnxGraph.load(TinySource.create().onnxFile());
        float[] learned = new float[8];
        java.util.Arrays.fill(learned, 0.25f);
        OnnxGraph started = MetaInitialisation.apply(g, init(dir, "ok.xfer", Map.of("fc2.b",
                Tensor.ofFloats(learned, 8))), "tiny");
        assertThat(started.parameter("fc2.b").floats()).containsOnly(0.25f);
        assertThat(started.parameter("fc1.w")).isEqualTo(g.parameter("fc1.w"));

        Path wrongShape = init(dir, "shape.xfer", Map.of("fc2.b", Tensor.ofFloats(new float[5], 5)));
        assertThatThrownBy(() -> MetaInitialisation.apply(g, wrongShape, "tiny"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("its parameter fc2.b [5] has no counterpart of that shape in the source model "
                        + "tiny (there it is [8])").hasMessageContaining("meta-learned for net:mlp");
        Path otherNet = init(dir, "other.xfer", Map.of("conv_1.weight", Tensor.ofFloats(new float[9], 1, 1, 3, 3)));
        assertThatThrownBy(() -> MetaInitialisation.apply(g, otherNet, "tiny"))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("(no such parameter)");
        assertThat(new FinetuneProvider().parseOptions(Map.of("init", "ok.xfer")).toProperties())
                .containsEntry("init", "ok.xfer");
    }
}
