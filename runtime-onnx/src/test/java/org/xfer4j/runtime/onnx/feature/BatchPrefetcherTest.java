package org.xfer4j.runtime.onnx.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.Preprocessor;

class BatchPrefetcherTest {

    private static final InMemoryDataset TEXTS = InMemoryDataset.ofTexts("numbers", List.of("a"),
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), new int[11]);

    /** One float per example: its text parsed, so order and coverage are visible. */
    private static final Preprocessor PARSE = batch -> {
        float[] v = new float[batch.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.parseFloat(((Sample.Text) batch.get(i)).text());
        }
        return Map.of("x", Tensor.ofFloats(v, v.length));
    };

    @Test
    void batchesArriveInOrderAndCoverEveryExampleWhateverTheThreads() {
        for (int threads : new int[] {0, 1, 3}) {
            List<Float> seen = new ArrayList<>();
            try (BatchPrefetcher p = new BatchPrefetcher(TEXTS, 4, PARSE, threads)) {
                for (BatchPrefetcher.Batch b; (b = p.next()) != null; ) {
                    assertThat(b.from()).isEqualTo(seen.size());
                    for (float f : b.inputs().get("x").floats()) {
                        seen.add(f);
                    }
                }
            }
            assertThat(seen).as("threads=" + threads).containsExactly(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f);
        }
    }

    @Test
    void consumersSharingOnePrefetcherGetEachBatchOnce() throws Exception {
        for (int threads : new int[] {0, 2}) {
            List<Float> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            try (BatchPrefetcher p = new BatchPrefetcher(TEXTS, 1, PARSE, threads)) {
                Runnable consumer = () -> {
                    for (BatchPrefetcher.Batch b; (b = p.next()) != null; ) {
                        seen.add(b.inputs().get("x").floats()[0]);
                    }
                };
                Thread other = new Thread(consumer);
                other.start();
                consumer.run();
                other.join();
            }
            assertThat(seen).as("threads=" + threads).containsExactlyInAnyOrder(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f,
                    9f, 10f);
        }
    }

    @Test
    void aFailureWhilePreparingReachesTheConsumerUnchanged() {
        Preprocessor failing = batch -> {
            throw new InvalidInputException("bad example");
        };
        try (BatchPrefetcher p = new BatchPrefetcher(TEXTS, 4, failing, 2)) {
            assertThatThrownBy(p::next).isInstanceOf(InvalidInputException.class).hasMessage("bad example");
        }
    }
}
