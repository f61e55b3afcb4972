package org.xfer4j.repurposers.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.graph.FrozenPrefix;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.model.ModelPack;
import org.xfer4j.runtime.onnx.model.ModelPackSource;

/**
 * Frozen lower blocks of the real full-precision all-MiniLM-L6-v2 are run once and cached: training its top block
 * and head on the cache gives the parameters and losses that training through the whole encoder gives; and training
 * leaves no ONNX Runtime session open.
 */
@Tag("network")
class TextPrefixCacheTest {

    private static final ProviderContext CONTEXT = ProviderContext.defaults().withSeed(3);

    @Test
    void theFrozenBlocksAreSplitOffWithTheMaskPassedBeside() {
        try (SourceModel source = new ModelPackSource().open(ModelPack.ALL_MINILM_L6_V2_FP32.name(), CONTEXT)) {
            // as HeadTraining does: the surgery sees the data's longest sequence, training any length
            OnnxGraph g = OnnxGraph.load(source.onnxFile());
            for (String in : g.inputNames()) {
                g = g.withInputShape(in, -1, 16);
            }
            OnnxGraph headed = Heads.attach(g.truncateAfter(source.defaultFeatureLayer()), 2, 1, source.pooling());
            OnnxGraph trainable = EncoderLayers.of(headed).trainTop(headed, 1);
            for (String in : g.inputNames()) {
                trainable = trainable.withInputShape(in, -1, -1);
            }
            FrozenPrefix split = FrozenPrefix.of(trainable).orElseThrow();
            // one hidden state [batch, tokens, 384] crosses from block 5 to block 6; the suffix rebuilds the additive
            // attention mask and the masked mean from the 0/1 mask itself (and reads the shape of input_ids)
            assertThat(split.boundaries()).hasSize(1);
            assertThat(split.perToken()).containsExactlyElementsOf(split.boundaries());
            assertThat(split.passed()).contains("attention_mask").isSubsetOf("attention_mask", "input_ids");
            assertThat(split.prefix().trainableParameters()).isEmpty();
            assertThat(split.suffix().trainableParameters()).contains("head.weight", "head.bias",
                    "encoder.layer.5.output.dense.bias").noneMatch(p -> p.contains("layer.4."));
        }
    }

    @Test
    void trainingOnTheCacheEqualsTrainingThroughTheEncoder() {
        Dataset few = TextFinetuneTest.firstSubjects(4, CONTEXT);
        // SGD: its update is proportional to the gradient, so rounding-level differences stay rounding-level (Adam's
        // first step is lr x sign(g), which flips on gradients that are zero up to rounding); batches of 3 cut to
        // their own longest subject, composed differently from the batches the cache was computed in
        Map<String, String> options = Map.of("epochs", "2", "batchSize", "3", "maxLength", "16", "trainLayers", "1",
                "optimizer", "sgd", "headLr", "0.05", "transferLr", "0.01", "schedule", "constant");
        FinetuneProvider ft = new FinetuneProvider();
        int openBefore = OrtModelSession.open();
        try (SourceModel source = new ModelPackSource().open(ModelPack.ALL_MINILM_L6_V2_FP32.name(), CONTEXT);
             FinetunedModel cached = (FinetunedModel) ft.repurpose(source, few, ft.parseOptions(options), CONTEXT);
             FinetunedModel whole = (FinetunedModel) ft.repurpose(source, few, ft.parseOptions(with(options)),
                     CONTEXT)) {
            OnnxGraph before = OnnxGraph.load(source.onnxFile());
            for (String p : List.of("head.weight", "encoder.layer.5.output.dense.bias",
                    "encoder.layer.5.attention.output.LayerNorm.weight")) {
                float[] a = cached.graph().parameter(p).floats();
                float[] b = whole.graph().parameter(p).floats();
                for (int i = 0; i < a.length; i++) {
                    assertThat(a[i]).as(p + "[" + i + "]").isCloseTo(b[i], within(1e-5f));
                }
            }
            float[] top = before.parameter("encoder.layer.5.output.dense.bias").floats();
            float[] tuned = cached.graph().parameter("encoder.layer.5.output.dense.bias").floats();
            double moved = 0;
            for (int i = 0; i < top.length; i++) {
                moved = Math.max(moved, Math.abs(tuned[i] - top[i]));
            }
            assertThat(moved).as("the top block trained").isGreaterThan(1e-5);
            // predicting opens each model's own session; training closed every other one it opened (prefix, step,
            // evaluation, shape probes), else a process fine-tuning model after model keeps their native memory
            cached.predict(few, Progress.NONE);
            whole.predict(few, Progress.NONE);
            assertThat(OrtModelSession.open()).isEqualTo(openBefore + 2);
            List<Double> la = cached.trainingLoss();
            List<Double> lb = whole.trainingLoss();
            assertThat(la).hasSize(2);
            for (int e = 0; e < la.size(); e++) {
                assertThat(la.get(e)).isCloseTo(lb.get(e), within(1e-5));
            }
        }
        assertThat(OrtModelSession.open()).as("sessions left open").isEqualTo(openBefore);
    }

    private static Map<String, String> with(Map<String, String> options) {
        Map<String, String> m = new java.util.HashMap<>(options);
        m.put("cachePrefix", "false");
        return m;
    }
}
