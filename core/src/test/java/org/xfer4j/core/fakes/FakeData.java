package org.xfer4j.core.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;

/** Datasets of small vectors as tensor samples named "x", which the fake extractor passes through as features. */
public final class FakeData {

    private FakeData() {
    }

    /** One example per row of {@code xs}, labelled by {@code labels} over classes a and b. */
    public static InMemoryDataset points(String name, float[][] xs, int[] labels) {
        List<Sample> samples = new ArrayList<>();
        for (float[] x : xs) {
            samples.add(new Sample.Tensors(Map.of("x", Tensor.ofFloats(x.clone(), x.length))));
        }
        return new InMemoryDataset(name, List.of("a", "b"), samples, labels);
    }
}
