package org.xfer4j.runtime.onnx.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.Device;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.LayerBlock;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.DeviceUnavailableException;
import org.xfer4j.runtime.onnx.TestModels;
import org.xfer4j.runtime.onnx.model.OnnxSourceModel;

@Tag("network")
class OnnxFeatureExtractorTest {

    private static final String LAYER_5 = "/encoder/layer.5/output/LayerNorm/Add_1";
    private static final OnnxFeatureExtractor BGE = new OnnxFeatureExtractor(TestModels.bge(),
            new ExtractionOptions(4), TestModels.context());

    @AfterAll
    static void close() {
        BGE.close();
    }

    @Test
    void similarSentencesGetCloserBgeFeaturesThanUnrelatedOnes() {
        FeatureMatrix f = BGE.extract(texts("The cat sits on the mat.", "A cat is sitting on a rug.",
                "Quarterly revenue rose by ten percent."), List.of(), Progress.NONE);
        assertThat(f.rows()).isEqualTo(3);
        assertThat(f.columns()).isEqualTo(384);
        assertThat(f.blocks()).containsExactly(new LayerBlock(TestModels.bge().defaultFeatureLayer(), 0, 384));
        double similar = cosine(f.row(0), f.row(1));
        double unrelated = cosine(f.row(0), f.row(2));
        // measured: 0.84 against 0.37
        assertThat(similar).isGreaterThan(unrelated + 0.2);
    }

    @Test
    void severalLayersAreConcatenatedWithALayerToColumnMap() {
        Dataset d = texts("free money now", "meeting moved to 3pm", "re: your invoice", "win a prize", "lunch?");
        FeatureMatrix both = BGE.extract(d, List.of(LAYER_5, "last_hidden_state"), Progress.NONE);
        assertThat(both.columns()).isEqualTo(768);
        assertThat(both.blocks()).containsExactly(new LayerBlock(LAYER_5, 0, 384),
                new LayerBlock("last_hidden_state", 384, 768));
        FeatureMatrix last = BGE.extract(d, List.of("last_hidden_state"), Progress.NONE);
        FeatureMatrix fifth = BGE.extract(d, List.of(LAYER_5), Progress.NONE);
        for (int r = 0; r < d.size(); r++) {
            float[] row = both.row(r);
            assertThat(cosine(Arrays.copyOfRange(row, 384, 768), last.row(r))).isGreaterThan(0.999);
            assertThat(cosine(Arrays.copyOfRange(row, 0, 384), fifth.row(r))).isGreaterThan(0.999);
            assertThat(cosine(fifth.row(r), last.row(r))).isLessThan(0.99);
        }
    }

    @Test
    void rankFourActivationsAreAveragedOverTheirTrailingDimensions() {
        // attention probabilities [batch, 12 heads, tokens, tokens]: each row sums to 1 -> every mean is 1/tokens
        FeatureMatrix f = BGE.extract(texts("hello world"), List.of("/encoder/layer.0/attention/self/Softmax"),
                Progress.NONE);
        assertThat(f.columns()).isEqualTo(12);
        for (int c = 0; c < 12; c++) {
            assertThat(f.get(0, c)).isCloseTo(0.25f, Offset.offset(1e-4f));
        }
    }

    @Test
    void miniLmAveragesTheRealTokensOfEachText() {
        Dataset two = texts("short text", "a much longer text that would pad the short one in a shared batch");
        OnnxSourceModel flat = TestModels.miniLm().withPooling(new Pooling(Pooling.Sequence.FLATTEN,
                Pooling.Spatial.MEAN, null));
        try (OnnxFeatureExtractor miniLm = new OnnxFeatureExtractor(TestModels.miniLm(), new ExtractionOptions(2),
                TestModels.context());
             OnnxFeatureExtractor unpooled = new OnnxFeatureExtractor(flat, new ExtractionOptions(2),
                     TestModels.context())) {
            float[] mean = miniLm.extract(two, List.of(), Progress.NONE).row(0);
            float[] tokens = unpooled.extract(two.subset(new int[] {0}), List.of(), Progress.NONE).row(0);
            // "short text" is [CLS] short text [SEP]: the int8 pack runs it alone, so its 4 positions are all there is
            assertThat(tokens).hasSize(4 * 384);
            assertThat(mean).containsExactly(meanOfPositions(tokens, 4), Offset.offset(1e-5f));
        }
    }

    @Test
    void maskedMeanPoolingSkipsPaddedPositions() {
        // [2 examples, 3 positions, 2 hidden]; the first example's third position is padding
        float[] x = {1, 2, 3, 4, 100, 100, 1, 1, 2, 2, 3, 3};
        long[] mask = {1, 1, 0, 1, 1, 1};
        Pooling masked = new Pooling(Pooling.Sequence.MASKED_MEAN, Pooling.Spatial.MEAN, "attention_mask");
        assertThat(ActivationPooling.pool(x, new long[] {2, 3, 2}, masked, mask, 2, "h"))
                .containsExactly(2, 3, 2, 2);
    }

    private static float[] meanOfPositions(float[] tokens, int count) {
        float[] mean = new float[384];
        for (int t = 0; t < count; t++) {
            for (int h = 0; h < 384; h++) {
                mean[h] += tokens[t * 384 + h] / count;
            }
        }
        return mean;
    }

    @Test
    void unknownLayersAreNamed() {
        assertThatThrownBy(() -> BGE.extract(texts("x"), List.of("/encoder/layer.12/output/LayerNorm/Add_1"),
                Progress.NONE)).isInstanceOf(SourceModel.UnknownLayerException.class)
                .hasMessageContaining("/encoder/layer.12/output/LayerNorm/Add_1")
                .hasMessageContaining("/encoder/layer.1/output/LayerNorm/Add_1");
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() {
        Dataset d = texts("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        AtomicLong total = new AtomicLong();
        AtomicLong done = new AtomicLong();
        BGE.extract(d, List.of(), new Progress() {
            @Override
            public void start(String task, long n) {
                total.set(n);
            }

            @Override
            public void advance(long n) {
                done.addAndGet(n);
            }
        });
        assertThat(total.get()).isEqualTo(10);
        assertThat(done.get()).isEqualTo(10);
        AtomicLong batches = new AtomicLong();
        assertThatThrownBy(() -> BGE.extract(d, List.of(), new Progress() {
            @Override
            public void start(String task, long n) {
            }

            @Override
            public void advance(long n) {
                batches.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return batches.get() >= 1;
            }
        })).isInstanceOf(Progress.CancelledException.class);
        // bge is int8 (run per example) on 2 threads: two concurrent runs, so the other one's example may finish too
        assertThat(BGE.runsPerExample()).isTrue();
        assertThat(batches.get()).isBetween(1L, 2L);
    }

    @Test
    void anInterruptedCallerStopsTheWorkBetweenBatchesAndKeepsItsInterrupt() throws Exception {
        Dataset d = texts("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
        AtomicLong done = new AtomicLong();
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Progress interruptAfterFirstBatch = new Progress() {
            @Override
            public void start(String task, long n) {
            }

            @Override
            public void advance(long n) {
                if (done.getAndAdd(n) == 0) {
                    caller.get().interrupt();
                    // runs on the ORT thread: wait until the caller has passed the interrupt on to it
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                }
            }
        };
        Thread t = new Thread(() -> {
            try {
                BGE.extract(d, List.of(), interruptAfterFirstBatch);
            } catch (RuntimeException e) {
                failure.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.set(t);
        t.start();
        t.join();
        assertThat(failure.get()).isInstanceOf(Progress.CancelledException.class);
        assertThat(stillInterrupted).isTrue();
        assertThat(done.get()).isBetween(1L, 2L); // one example per concurrent run at most
        assertThat(BGE.extract(texts("still works"), List.of(), Progress.NONE).rows()).isEqualTo(1);
    }

    @Test
    void cudaRequestedOnThisMachineIsAClearError() {
        assertThatThrownBy(() -> new OnnxFeatureExtractorProvider().open(TestModels.bge(), ExtractionOptions.DEFAULT,
                TestModels.context().withDevice(Device.parse("cuda"))))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("CUDA requested but not available");
    }

    static Dataset texts(String... texts) {
        int[] unlabelled = new int[texts.length];
        Arrays.fill(unlabelled, -1);
        return InMemoryDataset.ofTexts("texts", List.of(), List.of(texts), unlabelled);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
