package org.xfer4j.transferability.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.image.FashionMnist;

/**
 * Ranking real candidates: MobileNetV2 (nsfwjs, with its 5-class head) on a small 3-class Fashion-MNIST sample with
 * automatic layers, and a text encoder without a head, where the head estimators say what is missing and the others
 * still rank.
 */
@Tag("network")
@Tag("debian")
class RankingTest {

    private static final List<String> ALL = List.of("logme", "hscore", "leep", "nce", "lr");
    private static Xfer xfer;

    @BeforeAll
    static void open() {
        xfer = Xfer.builder().optCacheDir(Path.of(System.getProperty("xfer4j.cache", "target/cache"))).build();
    }

    @AfterAll
    static void close() {
        xfer.close();
    }

    @Test
    void ranksTheAutomaticLayersOfMobileNetV2AndWritesTheReport(@TempDir Path dir) throws Exception {
        Dataset train = FashionMnist.train(xfer.context().cacheDir());
        // T-shirt/top, sneaker, bag: the first 10 of each
        int[] sampled = IntStream.of(0, 7, 8).flatMap(c -> IntStream.range(0, train.size())
                .filter(i -> train.label(i) == c).limit(10)).toArray();
        Dataset sample = train.subset(sampled);
        RankingResult r = new Ranking(xfer, Ranking.estimators(xfer, ALL), Progress.NONE)
                .run(sample, List.of("mobilenet-v2"), List.of());

        assertThat(r.candidates()).extracting(Candidate::layer).containsExactly("block_6_project_BN",
                "block_9_add", "block_13_project_BN", "block_16_project_BN", "flatten_1", "dense_1", "dense_2");
        assertThat(r.scores()).hasSize(7 * ALL.size()).allMatch(CandidateScore::ok);
        // the head estimators read the model's own outputs, the same for every layer
        assertThat(r.candidates().stream().map(c -> r.score(c, "leep").score()).distinct()).hasSize(1);
        assertThat(r.candidates().stream().map(c -> r.score(c, "logme").score()).distinct()).hasSize(7);
        assertThat(r.score(r.candidates().get(4), "logme").dimensions()).isEqualTo(1280);

        Path page = new RankingReport(r).write(dir);
        assertThat(page).exists();
        assertThat(Files.readAllLines(dir.resolve("ranking.csv"))).hasSize(1 + 7 * ALL.size());
        assertThat(Files.readString(dir.resolve("ranking.json"))).contains("\"estimator\": \"logme\"");
        assertThat(dir.resolve("scores-logme.png")).exists();
        List<String> table = new RankingReport(r).lines();
        assertThat(table.getFirst()).startsWith("model").contains("logme");
        assertThat(table.get(1)).contains(r.ordered("logme").getFirst().layer());
    }

    @Test
    void dataNoEstimatorCouldScoreIsRefusedBeforeAnyModelIsOpened() {
        List<String> texts = List.of("cheap meds now", "win a prize today", "meeting moved to monday");
        Ranking ranking = new Ranking(xfer, Ranking.estimators(xfer, List.of("logme")), Progress.NONE);
        // a model that does not exist: the labels are refused first, so no model is opened and nothing extracted
        assertThatThrownBy(() -> ranking.run(InMemoryDataset.ofTexts("subjects", List.of("ham", "spam"), texts,
                new int[] {1, 1, 1}), List.of("no-such-model"), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot rank candidates for subjects").hasMessageContaining("only class 'spam'");
        assertThatThrownBy(() -> ranking.run(InMemoryDataset.ofTexts("subjects", List.of("ham", "spam"), texts,
                new int[] {1, 1, 0}), List.of("no-such-model"), List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("class 'ham' has 1 example");
    }

    @Test
    void aModelWithoutHeadStillRanksByFeatureEstimators() {
        List<String> texts = List.of("cheap meds now", "win a prize today", "meeting moved to monday",
                "lunch on friday?", "limited offer click", "project status report");
        Dataset d = InMemoryDataset.ofTexts("subjects", List.of("ham", "spam"), texts, new int[] {1, 1, 0, 0, 1, 0});
        RankingResult r = new Ranking(xfer, Ranking.estimators(xfer, List.of("leep", "logme")), Progress.NONE)
                .run(d, List.of("all-minilm-l6-v2"), List.of("/encoder/layer.5/output/LayerNorm/Add_1"));
        Candidate c = r.candidates().getFirst();
        assertThat(r.score(c, "logme").problem()).isNull();
        assertThat(r.score(c, "leep").ok()).isFalse();
        assertThat(r.score(c, "leep").problem()).contains("LEEP needs the source model's class probabilities")
                .contains("all-minilm-l6-v2");
        assertThat(r.score(c, "logme").ok()).isTrue();
        assertThat(r.primaryEstimator()).isEqualTo("logme");
        assertThat(new RankingReport(r).lines()).anyMatch(l -> l.startsWith("not scored: leep: LEEP needs"));
    }
}
