package org.xfer4j.core.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;

/** Seeded stratified folds, and the refusal of classes too small to be cross-validated. */
class StratifiedFoldsTest {

    /** {@code counts[c]} examples of class c, one feature each; a last class "unseen" with none. */
    private static FeatureSet set(int... counts) {
        int n = Arrays.stream(counts).sum();
        float[][] x = new float[n][1];
        int[] y = new int[n];
        int i = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int k = 0; k < counts[c]; k++) {
                x[i][0] = i;
                y[i++] = c;
            }
        }
        return new FeatureSet(FeatureMatrix.of(x), y, List.of("ham", "spam", "eggs", "unseen").subList(0,
                counts.length));
    }

    @Test
    void everyFoldHoldsItsShareOfEachClassAndEveryExampleOnce() {
        FeatureSet s = set(10, 25, 5, 0);
        int[][] folds = StratifiedFolds.split(s, 5, 1);
        assertThat(Arrays.stream(folds).flatMapToInt(Arrays::stream).sorted().toArray())
                .isEqualTo(java.util.stream.IntStream.range(0, 40).toArray());
        for (int[] fold : folds) {
            int[] counts = s.select(fold).classCounts();
            assertThat(counts).containsExactly(2, 5, 1, 0);
        }
        assertThat(StratifiedFolds.split(s, 5, 1)).isDeepEqualTo(folds);
        assertThat(Arrays.deepEquals(StratifiedFolds.split(s, 5, 2), folds)).isFalse();
    }

    @Test
    void aClassWithFewerExamplesThanFoldsIsNamed() {
        assertThatThrownBy(() -> StratifiedFolds.split(set(10, 3), 5, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("class 'spam' has 3 training examples, fewer than the 5 cross-validation folds; use at "
                        + "most 3 folds, or more examples of it");
        assertThatThrownBy(() -> StratifiedFolds.split(set(1, 3), 2, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("class 'ham' has 1 training example,").hasMessageContaining("needs at least 2");
        assertThatThrownBy(() -> StratifiedFolds.split(set(4, 4), 1, 1)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("at least 2 folds");
    }
}
