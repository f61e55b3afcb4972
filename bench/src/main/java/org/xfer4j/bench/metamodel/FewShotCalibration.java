package org.xfer4j.bench.metamodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.repurposers.metamodel.gp.GpProvider;
import org.xfer4j.repurposers.metamodel.lr.LrProvider;
import org.xfer4j.repurposers.metamodel.svm.SvmProvider;

/**
 * Accuracy and calibration of lr, svm and gp trained on k examples per class (k = 5, 10, 50; five seeded draws
 * each) from a prepared split, evaluated on its whole test part; prints a markdown table of the means.
 * Usage: FewShotCalibration OUT NAME (reads OUT/NAME.train.csv and OUT/NAME.test.csv, as run-metamodel.sh writes)
 */
public final class FewShotCalibration {

    private static final int[] SHOTS = {5, 10, 50};
    private static final int DRAWS = 5;

    private FewShotCalibration() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        FeatureSet train = FeatureCsv.read(out.resolve(args[1] + ".train.csv"));
        FeatureSet test = FeatureCsv.read(out.resolve(args[1] + ".test.csv"));
        List<FeatureRepurposerProvider> providers = List.of(new LrProvider(), new SvmProvider(), new GpProvider());
        System.out.println("| examples per class | method | accuracy | ECE | mean top probability |");
        System.out.println("|---|---|---|---|---|");
        for (int k : SHOTS) {
            for (FeatureRepurposerProvider p : providers) {
                double accuracy = 0;
                double ece = 0;
                double confidence = 0;
                for (int draw = 0; draw < DRAWS; draw++) {
                    var predictions = p.fit(draw(train, k, draw), p.defaultOptions(), ProviderContext.defaults())
                            .predict(test.features());
                    Evaluation e = Metrics.evaluate(predictions, test.labels());
                    accuracy += e.accuracy() / DRAWS;
                    ece += e.ece() / DRAWS;
                    for (double[] row : predictions.probabilities()) {
                        double top = 0;
                        for (double v : row) {
                            top = Math.max(top, v);
                        }
                        confidence += top / predictions.size() / DRAWS;
                    }
                }
                System.out.printf(Locale.ROOT, "| %d | %s | %.3f | %.3f | %.3f |%n", k, p.id(), accuracy, ece,
                        confidence);
            }
        }
    }

    /** The first {@code k} examples of each class in a seeded shuffle of the training part. */
    static FeatureSet draw(FeatureSet train, int k, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] taken = new int[train.classes().size()];
        List<Integer> picked = new ArrayList<>();
        for (int i : order) {
            if (taken[train.labels()[i]]++ < k) {
                picked.add(i);
            }
        }
        return train.select(picked.stream().mapToInt(Integer::intValue).toArray());
    }
}
