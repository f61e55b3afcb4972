package org.xfer4j.runtime.onnx.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.runtime.onnx.TestModels;
import org.xfer4j.runtime.onnx.model.OnnxGraphs;
import org.xfer4j.runtime.onnx.model.OnnxSourceModel;

/**
 * An example's features are bit for bit the same alone and inside a batch of other examples, for the int8 text
 * packs whose dynamic quantisation computes one scale per activation tensor. Batched, the same sentences moved by up
 * to 0.3 (cosine 0.984 on 1,000 spam subjects), so an exact comparison is what shows the coupling is gone.
 */
class BatchInvarianceTest {

    private static final Dataset MIXED = OnnxFeatureExtractorTest.texts("Re: lunch?",
            "URGENT: your account has been suspended, verify your details within 24 hours",
            "Minutes of Tuesday's design review", "$$$ make money fast $$$", "ok",
            "Fwd: the quarterly figures you asked for, with the regional breakdown attached",
            "Cheap meds, no prescription needed", "Can you check the failing build on main?");

    @Test
    void bgeFeaturesOfAnExampleAreIdenticalAloneAndInABatch() {
        assertIdenticalAloneAndBatched(TestModels.bge());
    }

    @Test
    void miniLmFeaturesOfAnExampleAreIdenticalAloneAndInABatch() {
        assertIdenticalAloneAndBatched(TestModels.miniLm());
    }

    @Test
    void dynamicQuantisationIsWhatMarksAGraphAsCoupled() {
        assertThat(BatchCoupling.of(OnnxGraphs.parse(OnnxGraphs.read(TestModels.bge().onnxFile()),
                TestModels.bge().onnxFile()))).hasValueSatisfying(n -> assertThat(n.getOpType())
                .isEqualTo("DynamicQuantizeLinear"));
        assertThat(BatchCoupling.of(TinyGraphTest.logAbsGraph())).isEmpty();
    }

    private static void assertIdenticalAloneAndBatched(OnnxSourceModel model) {
        try (OnnxFeatureExtractor ex = new OnnxFeatureExtractor(model, new ExtractionOptions(MIXED.size()),
                TestModels.context())) {
            assertThat(ex.runsPerExample()).isTrue();
            FeatureMatrix batched = ex.extract(MIXED, List.of(), Progress.NONE);
            for (int i = 0; i < MIXED.size(); i++) {
                FeatureMatrix alone = ex.extract(MIXED.subset(new int[] {i}), List.of(), Progress.NONE);
                assertThat(alone.row(0)).as("example %d of %s", i, model.name()).containsExactly(batched.row(i));
            }
        }
    }
}
