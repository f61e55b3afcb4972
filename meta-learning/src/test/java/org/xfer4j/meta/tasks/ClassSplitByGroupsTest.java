package org.xfer4j.meta.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.split.ClassGroups;

/** Class splits by alphabet: whole groups go to meta-training, meta-validation or meta-test, never two of them. */
class ClassSplitByGroupsTest {

    /** Six alphabets of 3-5 letters, "d" and "f" held out for evaluation. */
    private record Letters(List<String> classes, List<String> groupOfClass) implements Dataset, ClassGroups {

        static Letters make() {
            List<String> classes = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            String[] names = {"a", "b", "c", "d", "e", "f"};
            for (int g = 0; g < names.length; g++) {
                for (int k = 0; k < 3 + g % 3; k++) {
                    classes.add(names[g] + k);
                    groups.add(names[g]);
                }
            }
            return new Letters(classes, groups);
        }

        @Override
        public String name() {
            return "letters";
        }

        @Override
        public int size() {
            return classes.size();
        }

        @Override
        public int label(int i) {
            return i;
        }

        @Override
        public Sample sample(int i) {
            return new Sample.Text(classes.get(i));
        }

        @Override
        public String group(int cls) {
            return groupOfClass.get(cls);
        }

        @Override
        public List<String> groups() {
            return List.of("a", "b", "c", "d", "e", "f");
        }

        @Override
        public List<String> evaluationGroups() {
            return List.of("d", "f");
        }
    }

    @Test
    void wholeAlphabetsGoToOnePartAndTheEvaluationOnesToMetaTest() {
        Letters data = Letters.make();
        assertThat(ClassSplit.byGroups(null, data)).isTrue();
        ClassSplit split = ClassSplit.of(null, data, 2, 42);
        assertThat(split.validation()).isEmpty();
        assertThat(split.test()).extracting(data::group).containsOnly("d", "f");
        assertThat(split.test()).hasSize(3 + 5);
        assertThat(split.train()).extracting(data::group).containsOnly("a", "b", "c", "e");
        ClassSplit held = ClassSplit.of("alphabets:2", data, 2, 42);
        assertThat(held).isEqualTo(ClassSplit.of("alphabets:2", data, 2, 42)); // seeded
        assertThat(held.test()).isEqualTo(split.test());
        Set<String> validationGroups = new HashSet<>(held.validation().stream().map(data::group).toList());
        Set<String> trainGroups = new HashSet<>(held.train().stream().map(data::group).toList());
        assertThat(validationGroups).hasSize(2).doesNotContainAnyElementsOf(trainGroups);
        assertThat(held.train().size() + held.validation().size() + held.test().size()).isEqualTo(data.size());
        // counts still split classes at random, ignoring alphabets
        assertThat(ClassSplit.byGroups("14/4/6", data)).isFalse();
        assertThat(ClassSplit.of("14/4/6", data, 2, 42).train()).hasSize(14);
    }

    @Test
    void aSplitByAlphabetNeedsAlphabetsAndRoomForMetaTraining() {
        Letters data = Letters.make();
        assertThatThrownBy(() -> ClassSplit.of("alphabets:4", data, 2, 42)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("0 to 3");
        assertThatThrownBy(() -> ClassSplit.of("alphabets:x", data, 2, 42)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("alphabets:5");
        Dataset plain = org.xfer4j.api.data.InMemoryDataset.ofTexts("plain", List.of("x", "y", "z", "w"),
                List.of("1", "2", "3", "4"), new int[] {0, 1, 2, 3});
        assertThatThrownBy(() -> ClassSplit.of("alphabets", plain, 2, 42)).isInstanceOf(
                InvalidOptionException.class).hasMessageContaining("plain has no alphabets");
    }
}
