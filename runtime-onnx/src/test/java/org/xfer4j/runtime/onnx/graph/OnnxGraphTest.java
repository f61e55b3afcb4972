package org.xfer4j.runtime.onnx.graph;

import org.xfer4j.runtime.onnx.fixtures.OrtRunner;
import org.xfer4j.runtime.onnx.fixtures.PaddleClassifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.LayerInfo;
import org.xfer4j.testkit.Prerequisites;

@Tag("network")
class OnnxGraphTest {

    private static final int PIXELS = 3 * 48 * 192;
    private static OnnxGraph paddle;
    private static float[] image;
    private static float[] original;

    @BeforeAll
    static void load() throws Exception {
        paddle = PaddleClassifier.graph();
        image = OrtRunner.random(7, 2 * PIXELS);
        original = OrtRunner.run(Files.readAllBytes(PaddleClassifier.file()), "x", image, 2, 3, 48, 192);
    }

    @Test
    void normalisedGraphComputesWhatTheOriginalComputes() throws Exception {
        assertThat(paddle.opset()).isEqualTo(13);
        float[] out = OrtRunner.run(paddle.toBytes(), "x", image, 2, 3, 48, 192);
        assertThat(out).containsExactly(original, within(1e-5f));
    }

    @Test
    void listsLayersWithOperatorsAndParameters() {
        List<LayerInfo> layers = paddle.layers();
        assertThat(layers.getFirst().opType()).isEqualTo("Conv");
        assertThat(layers.getLast().opType()).isEqualTo("Softmax");
        assertThat(layers).noneMatch(l -> l.opType().equals("Constant") || l.opType().equals("Shape"));
        LayerInfo fc = paddle.layer("p2o.MatMul.0");
        assertThat(fc.parameters()).containsExactly("fc_0.w_0");
        assertThat(fc.parameterCount()).isEqualTo(200 * 2);
        // hard-swish constants (3 and 6) are not parameters
        assertThat(paddle.parameters()).allMatch(p -> paddle.parameter(p).size() > 1
                || paddle.layers().stream().anyMatch(l -> l.parameters().contains(p)));
        assertThat(paddle.layers().stream().filter(l -> l.opType().equals("Add")).mapToLong(LayerInfo::parameterCount)
                .sum()).isEqualTo(2);
    }

    @Test
    void dropTopKeepsTheLowerLayersAndRunsInOrt() throws Exception {
        OnnxGraph logits = paddle.dropTop(1);
        assertThat(logits.layers()).hasSize(paddle.layers().size() - 1);
        assertThat(paddle.layers()).hasSize(paddle.layers().size()); // original untouched
        float[] z = OrtRunner.run(logits.toBytes(), "x", image, 2, 3, 48, 192);
        for (int r = 0; r < 2; r++) {
            double e0 = Math.exp(z[2 * r]);
            double e1 = Math.exp(z[2 * r + 1]);
            assertThat(e0 / (e0 + e1)).isCloseTo(original[2 * r], within(1e-5));
        }
        OnnxGraph pooled = paddle.dropTop(4);
        assertThat(OrtRunner.outputShape(pooled.toBytes(), "x", image, 2, 3, 48, 192)).containsExactly(2, 200, 1, 1);
    }

    @Test
    void refusesToDropWhereTheGraphBranches() {
        int n = 1;
        while (true) {
            try {
                paddle.dropTop(n++);
            } catch (InvalidInputException e) {
                assertThat(e).hasMessageContaining("merges 2 branches").hasMessageContaining("graph branches there");
                break;
            }
        }
        assertThat(n).isGreaterThan(5);
    }

    @Test
    void dropBottomMakesTheFirstActivationTheInput() throws Exception {
        OnnxGraph cut = paddle.dropBottom(1);
        assertThat(cut.inputNames()).containsExactly(paddle.layers().getFirst().outputs().getFirst());
        long[] shape = ValueInfos.dims(cut.model().getGraph().getInput(0));
        assertThat(shape).containsExactly(-1, 8, 24, 96);
        float[] out = OrtRunner.run(cut.toBytes(), cut.inputNames().getFirst(), OrtRunner.random(3, 8 * 24 * 96),
                1, 8, 24, 96);
        assertThat(out[0] + out[1]).isCloseTo(1f, within(1e-5f));
    }

    @Test
    void newHeadOnTruncatedGraphIsTrainableAndTheRestFrozen(@TempDir Path dir) throws Exception {
        OnnxGraph g = paddle.truncateAfter("p2o.GlobalAveragePool.18")
                .addOnTop(1, LayerSpec.flatten(), LayerSpec.dense(10), LayerSpec.softmax())
                .freeze(l -> true).unfreeze("dense_1");
        assertThat(g.trainableParameters()).containsExactly("dense_1.weight", "dense_1.bias");
        Path file = dir.resolve("head.onnx");
        g.save(file);
        OnnxGraph back = OnnxGraph.load(file);
        assertThat(back.trainableParameters()).containsExactly("dense_1.weight", "dense_1.bias");
        float[] p = OrtRunner.run(Files.readAllBytes(file), "x", image, 2, 3, 48, 192);
        assertThat(p).hasSize(20);
        assertThat(p[0] + p[1] + p[2] + p[3] + p[4] + p[5] + p[6] + p[7] + p[8] + p[9]).isCloseTo(1f, within(1e-5f));
        double bound = Math.sqrt(6.0 / (200 + 10));
        float[] w = g.parameter("dense_1.weight").floats();
        double max = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(bound / 2);
    }

    @Test
    void reinitialiseIsSeededAndParametersRoundTrip() {
        OnnxGraph a = paddle.reinitialise(l -> l.name().equals("p2o.MatMul.0"), Init.HE, 5);
        OnnxGraph b = paddle.reinitialise(l -> l.name().equals("p2o.MatMul.0"), Init.HE, 5);
        assertThat(a.parameter("fc_0.w_0")).isEqualTo(b.parameter("fc_0.w_0"))
                .isNotEqualTo(paddle.parameter("fc_0.w_0"));
        float[] ones = new float[400];
        java.util.Arrays.fill(ones, 1f);
        OnnxGraph set = paddle.withParameter("fc_0.w_0", Tensor.ofFloats(ones, 200, 2));
        assertThat(set.parameter("fc_0.w_0").floats()).containsOnly(1f);
        assertThatThrownBy(() -> paddle.withParameter("fc_0.w_0", Tensor.ofFloats(ones, 400)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("[200, 2]");
    }

    @Test
    void grayscaleAdapterAtTheBottom() throws Exception {
        OnnxGraph g = paddle.addAtBottom(3, new LayerSpec.Conv(3, 1, 1, 0, 1, Init.HE, "gray"), -1, 1, 48, 192);
        assertThat(g.layers().getFirst().name()).isEqualTo("gray");
        float[] p = OrtRunner.run(g.toBytes(), "x", OrtRunner.random(1, 48 * 192), 1, 1, 48, 192);
        assertThat(p[0] + p[1]).isCloseTo(1f, within(1e-5f));
    }

    @Tag("graphviz")
    @Test
    void drawsTheGraph(@TempDir Path dir) throws Exception {
        String dot = paddle.dropTop(3).toDot();
        assertThat(dot).startsWith("digraph").contains("\"n:p2o.Conv.0\"").contains("-> \"n:p2o.Conv.0\"")
                .doesNotContain("p2o.Softmax.0");
        Path svg = dir.resolve("g.svg");
        boolean rendered = paddle.renderSvg(svg);
        Prerequisites.require(rendered, "Graphviz dot is not installed (apt-get install graphviz)");
        assertThat(Files.readString(svg)).contains("<svg").contains("p2o.MatMul.0");
    }

    @Test
    void unknownLayerNamesTheLayers() {
        assertThatThrownBy(() -> paddle.layer("nope")).hasMessageContaining("no layer 'nope'")
                .hasMessageContaining("p2o.Conv.0");
    }
}
