package org.xfer4j.runtime.onnx.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.runtime.onnx.TestModels;

/** A freshly made extractor serves eight threads that all start at once with the features one thread gets. */
@Tag("network")
class ConcurrentExtractionTest {

    private static final int THREADS = 8;
    private static final String LAYER_3 = "/encoder/layer.3/output/LayerNorm/Add_1";

    @Test
    void eightThreadsFromAColdStartGetWhatOneThreadGets() throws Exception {
        Dataset data = InMemoryDataset.ofTexts("subjects", List.of("ham", "spam"),
                List.of("Minutes of Tuesday's design review", "Win a free cruise, click now!!!",
                        "Can you check the failing build on main?", "Cheap meds, no prescription needed",
                        "Lunch on Friday with the new team members"), new int[] {0, 1, 0, 1, 0});
        // two layer sets: each thread's first call opens (or waits for) one session, its second call the other
        List<List<String>> layerSets = List.of(List.of(), List.of(LAYER_3));
        List<float[]> expected = new ArrayList<>();
        try (OnnxFeatureExtractor one = new OnnxFeatureExtractor(TestModels.bge(), new ExtractionOptions(2),
                TestModels.context())) {
            for (List<String> layers : layerSets) {
                expected.add(one.extract(data, layers, Progress.NONE).values());
            }
        }
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try (OnnxFeatureExtractor cold = new OnnxFeatureExtractor(TestModels.bge(), new ExtractionOptions(2),
                TestModels.context()); ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t % 2;
                results.add(pool.submit(() -> {
                    start.await();
                    List<float[]> out = new ArrayList<>(List.of(new float[0], new float[0]));
                    out.set(first, cold.extract(data, layerSets.get(first), Progress.NONE).values());
                    out.set(1 - first, cold.extract(data, layerSets.get(1 - first), Progress.NONE).values());
                    return out;
                }));
            }
            for (Future<List<float[]>> r : results) {
                List<float[]> got = r.get();
                for (int s = 0; s < layerSets.size(); s++) {
                    assertThat(got.get(s)).as("layers %s", layerSets.get(s)).isEqualTo(expected.get(s));
                }
            }
        }
    }
}
