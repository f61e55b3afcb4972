package org.xfer4j.repurposers.metamodel.bnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.data.split.Splits;
import org.xfer4j.repurposers.metamodel.lr.LrProvider;
import org.xfer4j.repurposers.metamodel.testdata.SpamSubjectFeatures;

/**
 * bnn on real features at a few-shot size: bge-small-en-v1.5 features of the SpamAssassin subject lines (through
 * the host's feature cache, shared with the quickstart), 10 subjects per class drawn five times from the product's
 * 70 % training split as the quickstart draws them, evaluated on the whole 30 % test split (1,808 subjects).
 */
@Tag("network")
class BnnSpamSubjectsTest {

    private static final int SHOTS = 10;
    private static final int DRAWS = 5;

    @Test
    void tenSubjectsPerClassAccurateAndCalibrated() {
        SpamSubjectFeatures spam = SpamSubjectFeatures.load();
        Evaluation bnn = meanOverDraws(new BnnProvider(), spam.train(), spam.test());
        Evaluation lr = meanOverDraws(new LrProvider(), spam.train(), spam.test());
        System.out.println("10 per class, mean of 5 draws: bnn " + bnn + "; lr " + lr);
        // Measured with the defaults: bnn accuracy 0.783, ECE 0.038 (lr on the same draws: 0.794, 0.038).
        // Always answering ham scores 0.687, so 0.75 needs the features; an ECE of 0.06 is what lr and bnn stay
        // under at 10 per class while svm (0.077) and gp (0.166) do not (README's quickstart table).
        assertThat(bnn.accuracy()).as("bnn accuracy").isGreaterThanOrEqualTo(0.75);
        assertThat(bnn.ece()).as("bnn ECE").isLessThan(0.06);
    }

    private static Evaluation meanOverDraws(FeatureRepurposerProvider provider, FeatureSet train, FeatureSet test) {
        int[] pool = IntStream.range(0, train.size()).toArray();
        double accuracy = 0;
        double f1 = 0;
        double nll = 0;
        double ece = 0;
        double brier = 0;
        for (int draw = 0; draw < DRAWS; draw++) {
            long seed = 42 + 1000L * draw + SHOTS; // the quickstart's draws
            FeatureSet shots = train.select(Splits.perClass(train.labels(), pool, SHOTS, seed));
            Evaluation e = Metrics.evaluate(provider.fit(shots, provider.parseOptions(Map.of()),
                    ProviderContext.defaults().withSeed(seed)).predict(test.features()), test.labels());
            accuracy += e.accuracy() / DRAWS;
            f1 += e.macroF1() / DRAWS;
            nll += e.nll() / DRAWS;
            ece += e.ece() / DRAWS;
            brier += e.brier() / DRAWS;
        }
        return new Evaluation(accuracy, f1, nll, ece, brier);
    }
}
