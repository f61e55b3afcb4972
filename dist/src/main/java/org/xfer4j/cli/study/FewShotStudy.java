package org.xfer4j.cli.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.data.split.Splits;

/**
 * Trains every method at every number of examples per class on features extracted once, and evaluates each on the
 * same held-out test features; few-shot draws repeat with different seeds.
 */
public final class FewShotStudy {

    /** Every training example, instead of k per class. */
    public static final int ALL = -1;

    /** What to run: methods, shots per class (ALL for the whole pool), and repeats of each few-shot draw. */
    public record Plan(List<String> methods, List<Integer> shots, int repeats, long seed) {
        public Plan {
            methods = List.copyOf(methods);
            shots = List.copyOf(shots);
            InvalidOptionException.require(!methods.isEmpty(), "a study needs at least one method");
            InvalidOptionException.require(!shots.isEmpty(), "a study needs at least one shots value");
            InvalidOptionException.require(repeats >= 1, "repeats must be >= 1, got " + repeats);
            for (int k : shots) {
                InvalidOptionException.require(k == ALL || k >= 1, "shots must be >= 1 or all, got " + k);
            }
        }
    }

    /** One trained and evaluated model. */
    public record Run(String method, int shots, int repeat, int trainSize, Evaluation evaluation, long fitMillis,
                      Predictions predictions) {
    }

    private FewShotStudy() {
    }

    /**
     * Runs {@code plan}: training examples are drawn from {@code train}, every model is evaluated on {@code test}.
     */
    public static List<Run> run(Xfer xfer, Plan plan, FeatureSet train, FeatureSet test, Progress progress) {
        List<Run> runs = new ArrayList<>();
        int total = 0;
        for (int k : plan.shots()) {
            total += plan.methods().size() * (k == ALL ? 1 : plan.repeats());
        }
        progress.start("few-shot study", total);
        int[] pool = IntStream.range(0, train.size()).toArray();
        for (int k : plan.shots()) {
            int repeats = k == ALL ? 1 : plan.repeats();
            for (int rep = 0; rep < repeats; rep++) {
                int[] idx = k == ALL ? pool : Splits.perClass(train.labels(), pool, k, plan.seed() + 1000L * rep + k);
                FeatureSet subset = train.select(idx);
                for (String method : plan.methods()) {
                    progress.checkCancelled();
                    long t0 = System.nanoTime();
                    FeatureClassifier c = xfer.fit(method, subset, Map.of());
                    long fitMillis = (System.nanoTime() - t0) / 1_000_000;
                    Predictions p = c.predict(test.features());
                    runs.add(new Run(method, k, rep, subset.size(), Metrics.evaluate(p, test.labels(), test.classes()), fitMillis, p));
                    progress.advance(1);
                }
            }
        }
        progress.finish();
        return runs;
    }
}
