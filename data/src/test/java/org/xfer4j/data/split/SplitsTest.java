package org.xfer4j.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.data.text.SpamAssassin;

@Tag("network")
class SplitsTest {

    private static final int[] SPAM_LABELS = SpamAssassin.subjects(Path.of(System.getProperty("xfer4j.cache",
            System.getProperty("user.home") + "/.cache/xfer4j"))).labels();

    @Test
    void stratifiedSplitOfTheRealSubjectsKeepsClassSharesAndCoversEveryExampleOnce() {
        Splits.Split s = Splits.stratified(SPAM_LABELS, 0.3, 42);
        // 4,144 ham -> 1,243 test; 1,883 spam -> 565 test
        assertThat(count(SPAM_LABELS, s.test(), 0)).isEqualTo(1243);
        assertThat(count(SPAM_LABELS, s.test(), 1)).isEqualTo(565);
        int[] all = IntStream.concat(IntStream.of(s.train()), IntStream.of(s.test())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, SPAM_LABELS.length).toArray());
        assertThat(s.train()).isSorted();
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertThat(Splits.stratified(SPAM_LABELS, 0.3, 7).test()).isEqualTo(Splits.stratified(SPAM_LABELS, 0.3, 7).test());
        assertThat(Splits.stratified(SPAM_LABELS, 0.3, 7).test()).isNotEqualTo(Splits.stratified(SPAM_LABELS, 0.3, 8).test());
    }

    @Test
    void perClassDrawsKOfEachClassFromThePoolOnly() {
        int[] pool = Splits.stratified(SPAM_LABELS, 0.3, 42).train();
        int[] drawn = Splits.perClass(SPAM_LABELS, pool, 5, 1);
        assertThat(drawn).hasSize(10).doesNotHaveDuplicates();
        assertThat(count(SPAM_LABELS, drawn, 0)).isEqualTo(5);
        assertThat(count(SPAM_LABELS, drawn, 1)).isEqualTo(5);
        int[] sortedPool = pool.clone();
        Arrays.sort(sortedPool);
        for (int i : drawn) {
            assertThat(Arrays.binarySearch(sortedPool, i)).isNotNegative();
        }
        assertThat(Splits.perClass(SPAM_LABELS, pool, 5, 1)).isEqualTo(drawn);
        assertThat(Splits.perClass(SPAM_LABELS, pool, 5, 2)).isNotEqualTo(drawn);
    }

    @Test
    void refusesBadFractionsSmallClassesAndUnlabelledExamples() {
        assertThatThrownBy(() -> Splits.stratified(new int[] {0, 1}, 1.0, 1))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("1.0");
        assertThatThrownBy(() -> Splits.perClass(new int[] {0, 0, 1}, new int[] {0, 1, 2}, 2, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("class 1").hasMessageContaining("holds 1");
        assertThatThrownBy(() -> Splits.stratified(new int[] {0, -1}, 0.5, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("example 1");
    }

    private static long count(int[] labels, int[] idx, int c) {
        return IntStream.of(idx).filter(i -> labels[i] == c).count();
    }
}
