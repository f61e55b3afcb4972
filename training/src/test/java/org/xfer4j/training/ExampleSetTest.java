package org.xfer4j.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.LongBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token examples padded to the longest of the set are cut per batch to the batch's longest. */
class ExampleSetTest {

    private static final long[] IDS = {101, 7, 102, 0, 0, 0, 101, 5, 6, 8, 102, 0, 101, 9, 102, 0, 0, 0};
    private static final long[] MASK = {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0};

    private static ExampleSet tokens() {
        return new ExampleSet(List.of(ExampleSet.Column.longs("input_ids", new long[] {6}, IDS),
                ExampleSet.Column.longs("attention_mask", new long[] {6}, MASK)), new long[] {0, 1, 0});
    }

    @Test
    void batchesAreCutToTheirLongestSequence() {
        ExampleSet trimmed = tokens().trimmingPadding();
        try (ExampleSet.Batch shortOnes = trimmed.inputs(new int[] {0, 2}, 0, 2);
                ExampleSet.Batch withLong = trimmed.inputs(new int[] {2, 1}, 0, 2);
                ExampleSet.Batch untouched = tokens().inputs(new int[] {0, 2}, 0, 2)) {
            assertThat(shortOnes.tensors().get("input_ids").getInfo().getShape()).containsExactly(2, 3);
            assertThat(values(shortOnes, "input_ids")).containsExactly(101, 7, 102, 101, 9, 102);
            assertThat(values(shortOnes, "attention_mask")).containsExactly(1, 1, 1, 1, 1, 1);
            assertThat(withLong.tensors().get("attention_mask").getInfo().getShape()).containsExactly(2, 5);
            assertThat(values(withLong, "input_ids")).containsExactly(101, 9, 102, 0, 0, 101, 5, 6, 8, 102);
            assertThat(untouched.tensors().get("input_ids").getInfo().getShape()).containsExactly(2, 6);
        }
        try (ExampleSet.Batch one = tokens().trimmingPadding().subset(new int[] {1}).inputs(new int[] {0}, 0, 1)) {
            assertThat(one.tensors().get("input_ids").getInfo().getShape()).containsExactly(1, 5);
        }
    }

    @Test
    void perTokenValuesAreCutWithTheSequencesTheyCameFrom() {
        float[] hidden = new float[3 * 6 * 2]; // [example, token, 2 features]: 10 * example + token, twice
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = 10 * (i / 12) + (i / 2) % 6;
        }
        ExampleSet cached = tokens().trimmingPadding().withColumns(List.of(
                ExampleSet.Column.perToken("hidden", new long[] {6, 2}, hidden),
                ExampleSet.Column.longs("attention_mask", new long[] {6}, MASK)));
        assertThat(cached.sequenceLength()).isEqualTo(6);
        try (ExampleSet.Batch b = cached.subset(new int[] {2, 0}).inputs(new int[] {1, 0}, 0, 2)) {
            assertThat(b.tensors().get("hidden").getInfo().getShape()).containsExactly(2, 3, 2);
            java.nio.FloatBuffer v = b.tensors().get("hidden").getFloatBuffer();
            float[] out = new float[v.remaining()];
            v.get(out);
            assertThat(out).containsExactly(0, 0, 1, 1, 2, 2, 20, 20, 21, 21, 22, 22);
            assertThat(values(b, "attention_mask")).containsExactly(1, 1, 1, 1, 1, 1);
        }
    }

    private static long[] values(ExampleSet.Batch b, String name) {
        LongBuffer v = b.tensors().get(name).getLongBuffer();
        long[] out = new long[v.remaining()];
        v.get(out);
        return out;
    }
}
