package org.xfer4j.repurposers.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.data.text.SpamAssassin;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.model.ModelPack;
import org.xfer4j.runtime.onnx.model.ModelPackSource;
import org.xfer4j.testkit.InMemoryPayload;

/**
 * Real use, kept small for CI: the full-precision all-MiniLM-L6-v2 fine-tuned for two steps on eight SpamAssassin
 * subject lines (16 tokens at most), its top two depths and the head trained, then saved with its tokenizer and
 * loaded back.
 */
@Tag("network")
class TextFinetuneTest {

    private static final ProviderContext CONTEXT = ProviderContext.defaults().withSeed(5);
    private static final String TOP_BIAS = "encoder.layer.5.output.dense.bias";
    private static final String LOW_BIAS = "encoder.layer.3.output.dense.bias";

    private static SourceModel source;
    private static Dataset few;
    private static FinetunedModel tuned;

    @BeforeAll
    static void fineTune() {
        source = new ModelPackSource().open(ModelPack.ALL_MINILM_L6_V2_FP32.name(), CONTEXT);
        few = firstSubjects(4, CONTEXT);
        FinetuneProvider ft = new FinetuneProvider();
        tuned = (FinetunedModel) ft.repurpose(source, few, ft.parseOptions(Map.of("epochs", "2", "batchSize", "8",
                "maxLength", "16", "trainLayers", "2", "headLr", "0.01", "transferLr", "0.001", "layerDecay", "0.5",
                "clipNorm", "1", "schedule", "linear:0.5")), CONTEXT);
    }

    /** The first {@code perClass} SpamAssassin subject lines of each class. */
    static Dataset firstSubjects(int perClass, ProviderContext context) {
        Dataset all = SpamAssassin.subjects(context.cacheDir());
        List<Integer> picked = new ArrayList<>();
        int[] taken = new int[2];
        for (int i = 0; i < all.size() && picked.size() < 2 * perClass; i++) {
            if (taken[all.label(i)]++ < perClass) {
                picked.add(i);
            }
        }
        return all.subset(picked.stream().mapToInt(Integer::intValue).toArray());
    }

    @AfterAll
    static void close() {
        if (tuned != null) {
            tuned.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void theTopBlocksTrainAndTheFrozenOnesKeepTheirWeights() {
        OnnxGraph original = OnnxGraph.load(source.onnxFile());
        float[] topBefore = original.parameter(TOP_BIAS).floats();
        float[] topAfter = tuned.graph().parameter(TOP_BIAS).floats();
        double moved = 0;
        for (int i = 0; i < topBefore.length; i++) {
            moved = Math.max(moved, Math.abs(topAfter[i] - topBefore[i]));
        }
        // two Adam steps at up to 0.001 (warm-up then decay) move some weight of the top block by about that much
        assertThat(moved).isGreaterThan(1e-4);
        assertThat(tuned.graph().parameter(LOW_BIAS).floats()).containsExactly(original.parameter(LOW_BIAS).floats());
        assertThat(tuned.history().epochs()).hasSize(2);
        assertThat(tuned.graph().parameter("head.weight").shape()).containsExactly(2, 384);
    }

    @Test
    void layerWiseRatesFollowTheBlocksEvenForUnnamedWeights() {
        EncoderLayers layers = EncoderLayers.of(tuned.graph());
        assertThat(layers.top()).isEqualTo(6);
        EncoderLayers.Plan plan = layers.plan(0.01, 0.001, 0.5);
        assertThat(plan.rates()).containsEntry("head", 0.01).containsEntry("depth.6", 0.001)
                .containsEntry("depth.0", 0.001 / 64);
        // the export names the query weight of block 0 onnx::MatMul_NNN; its reader, /encoder/layer.0/..., places it
        String query = tuned.graph().model().getGraph().getNodeList().stream()
                .filter(n -> n.getName().equals("/encoder/layer.0/attention/self/query/MatMul")).findFirst()
                .orElseThrow().getInput(1);
        assertThat(query).startsWith("onnx::MatMul");
        assertThat(plan.groups().get("depth.1").test(query)).isTrue();
        assertThat(plan.groups().get("depth.0").test("embeddings.word_embeddings.weight")).isTrue();
        assertThat(plan.groups().get("head").test("head.weight")).isTrue();
    }

    @Test
    void savedWithItsTokenizerItPredictsTheSame() {
        InMemoryPayload payload = new InMemoryPayload();
        tuned.save(payload);
        Predictions before = tuned.predict(few, Progress.NONE);
        try (FinetunedModel back = (FinetunedModel) new FinetuneProvider().load(payload, tuned.options(), CONTEXT)) {
            Predictions after = back.predict(few, Progress.NONE);
            for (int i = 0; i < few.size(); i++) {
                assertThat(after.probabilities()[i]).containsExactly(before.probabilities()[i], within(1e-5));
            }
        }
    }

    @Test
    void quantisedPacksAreRefusedNamingTheFullPrecisionOne() {
        FinetuneProvider ft = new FinetuneProvider();
        try (SourceModel quantised = new ModelPackSource().open(ModelPack.ALL_MINILM_L6_V2.name(), CONTEXT)) {
            assertThatThrownBy(() -> ft.repurpose(quantised, few, ft.parseOptions(Map.of("maxLength", "8")),
                    CONTEXT)).isInstanceOf(InvalidInputException.class).hasMessageContaining("quantised")
                    .hasMessageContaining("all-minilm-l6-v2-fp32");
        }
    }

    @Test
    void textOptionsAreValidatedByName() {
        FinetuneProvider ft = new FinetuneProvider();
        assertThat(ft.parseOptions(tuned.options().toProperties())).isEqualTo(tuned.options());
        for (String bad : List.of("layerDecay=0", "layerDecay=1.5", "trainLayers=-2", "clipNorm=-1", "maxLength=1")) {
            String[] kv = bad.split("=");
            assertThatThrownBy(() -> ft.parseOptions(Map.of(kv[0], kv[1]))).isInstanceOf(InvalidOptionException.class)
                    .hasMessageContaining(kv[0]);
        }
        assertThatThrownBy(() -> ft.parseOptions(Map.of("schedule", "linear:1"))).hasMessageContaining("warm-up");
    }
}
