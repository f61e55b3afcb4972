package org.xfer4j.meta.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.meta.Task;

class EpisodesTest {

    /** {@code classes} classes of {@code perClass} texts each; text "c/i" is example i of class c. */
    private static Dataset pool(int classes, int perClass) {
        List<String> names = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        int[] labels = new int[classes * perClass];
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
            for (int i = 0; i < perClass; i++) {
                labels[texts.size()] = c;
                texts.add(c + "/" + i);
            }
        }
        return InMemoryDataset.ofTexts("toy", names, texts, labels);
    }

    private static String text(Dataset d, int i) {
        return ((Sample.Text) d.sample(i)).text();
    }

    @Test
    void classSplitsAreDisjointCoverEveryClassAndFollowTheSeed() {
        ClassSplit s = ClassSplit.of(20, 12, 4, 4, 7);
        Set<Integer> all = new HashSet<>(s.train());
        all.addAll(s.validation());
        all.addAll(s.test());
        assertThat(all).hasSize(20);
        assertThat(s.train()).hasSize(12).doesNotContainAnyElementsOf(s.test());
        assertThat(s.validation()).hasSize(4).doesNotContainAnyElementsOf(s.test());
        assertThat(ClassSplit.of(20, 12, 4, 4, 7)).isEqualTo(s);
        assertThat(ClassSplit.of(20, 12, 4, 4, 8)).isNotEqualTo(s);
        assertThat(ClassSplit.parse("12/4/4", 20, 5, 7)).isEqualTo(s);
        // by default 20 % of the classes for meta-test and as many for meta-validation, at least one episode's worth
        ClassSplit byDefault = ClassSplit.parse(null, 20, 3, 7);
        assertThat(List.of(byDefault.train().size(), byDefault.validation().size(), byDefault.test().size()))
                .containsExactly(12, 4, 4);
        ClassSplit fiveWay = ClassSplit.parse("", 20, 5, 7);
        assertThat(List.of(fiveWay.train().size(), fiveWay.validation().size(), fiveWay.test().size()))
                .containsExactly(10, 5, 5);
        ClassSplit small = ClassSplit.parse(null, 12, 5, 7);
        assertThat(List.of(small.train().size(), small.validation().size(), small.test().size()))
                .containsExactly(7, 0, 5);
        assertThatThrownBy(() -> ClassSplit.parse("12/4/5", 20, 5, 7)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("covers 21 classes, but the dataset has 20");
        assertThatThrownBy(() -> ClassSplit.parse("12-4-4", 20, 5, 7)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("12-4-4");
    }

    @Test
    void episodesRemapLabelsKeepNamesAndDrawDistinctExamplesOfTheirPartOnly() {
        Dataset data = pool(10, 30);
        ClassSplit split = ClassSplit.of(10, 6, 0, 4, 3);
        Episodes test = Episodes.of(data, split, ClassSplit.Part.TEST, new EpisodeShape(3, 2, 5));
        Set<String> seenClasses = new HashSet<>();
        for (Task t : test.draw(50, 1)) {
            assertThat(t.support().size()).isEqualTo(3 * 2);
            assertThat(t.query().size()).isEqualTo(3 * 5);
            assertThat(t.support().classes()).hasSize(3).isEqualTo(t.query().classes());
            Set<String> texts = new HashSet<>();
            for (Dataset set : List.of(t.support(), t.query())) {
                int[] perLabel = new int[3];
                for (int i = 0; i < set.size(); i++) {
                    String x = text(set, i);
                    int original = Integer.parseInt(x.substring(0, x.indexOf('/')));
                    // the new label names the original class, and that class is a meta-test one
                    assertThat(set.classes().get(set.label(i))).isEqualTo("class" + original);
                    assertThat(split.test()).contains(original);
                    assertThat(texts.add(x)).as("example %s drawn twice", x).isTrue();
                    perLabel[set.label(i)]++;
                    seenClasses.add(x.substring(0, x.indexOf('/')));
                }
                assertThat(perLabel).containsOnly(set == t.support() ? 2 : 5);
            }
        }
        assertThat(seenClasses).hasSize(4); // every meta-test class shows up, nothing else does
    }

    @Test
    void theSameSeedDrawsTheSameEpisodes() {
        Episodes e = Episodes.of(pool(8, 10), List.of(0, 1, 2, 3, 4, 5, 6, 7), new EpisodeShape(5, 1, 3), "all");
        List<String> a = texts(e.draw(5, 11));
        assertThat(texts(e.draw(5, 11))).isEqualTo(a);
        assertThat(texts(e.draw(5, 12))).isNotEqualTo(a);
        assertThat(texts(List.of(e.sample(new SplittableRandom(11))))).isEqualTo(a.subList(0, 1));
    }

    private static List<String> texts(List<Task> tasks) {
        List<String> out = new ArrayList<>();
        for (Task t : tasks) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < t.support().size(); i++) {
                b.append(text(t.support(), i)).append('=').append(t.support().label(i)).append(' ');
            }
            for (int i = 0; i < t.query().size(); i++) {
                b.append(text(t.query(), i)).append('=').append(t.query().label(i)).append(' ');
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void thePoolHoldsEveryExampleOfItsClassesLabelledInClassOrder() {
        Dataset data = pool(5, 4);
        Dataset pool = Episodes.of(data, List.of(1, 3), new EpisodeShape(2, 1, 1), "meta-train").pool();
        assertThat(pool.size()).isEqualTo(8);
        assertThat(pool.classes()).containsExactly("class1", "class3");
        assertThat(text(pool, 0)).isEqualTo("1/0");
        assertThat(pool.label(7)).isEqualTo(1);
        assertThat(text(pool, 7)).isEqualTo("3/3");
    }

    @Test
    void tooFewClassesOrExamplesAreNamedInTheError() {
        Dataset data = pool(4, 6);
        assertThatThrownBy(() -> Episodes.of(data, List.of(0, 1, 2), new EpisodeShape(5, 1, 1), "meta-test"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("meta-test classes of toy are 3 [class0, class1, class2]")
                .hasMessageContaining("5-way episodes need at least 5 classes");
        Dataset many = pool(12, 6);
        assertThatThrownBy(() -> Episodes.of(many, java.util.stream.IntStream.range(0, 12).boxed().toList(),
                new EpisodeShape(20, 1, 1), "meta-test")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("meta-test classes of toy are 12 [class0, class1, class2, class3, class4, "
                        + "class5, class6, class7, class8, class9] and 2 more; 20-way episodes need at least 20");
        assertThatThrownBy(() -> Episodes.of(data, List.of(0, 1, 2), new EpisodeShape(2, 2, 5), "meta-train"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("class 'class0' of toy has 6 examples")
                .hasMessageContaining("need 7 of each class (2 support + 5 query)");
        assertThatThrownBy(() -> new EpisodeShape(1, 1, 1)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--ways");
        assertThatThrownBy(() -> new EpisodeShape(5, 0, 1)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--shots");
    }
}
