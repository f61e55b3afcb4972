package org.xfer4j.bench.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.data.split.Splits;
import org.xfer4j.evaluation.study.Studies;
import org.xfer4j.evaluation.study.StudyDefinition;
import org.xfer4j.evaluation.study.StudyFile;
import org.xfer4j.evaluation.study.StudyRunner;

/**
 * The harness's overhead, side by side in one JVM: a study of feature methods run through {@link Studies#run} (draws,
 * metrics, confusion matrices, reliability bins, results appended run by run) against a bare loop making the same
 * fits and predictions on the same draws and nothing else. Rounds alternate (harness, bare, harness, bare, ...) so
 * JIT warm-up and machine load fall on both. Data loading and feature extraction (cached on disk) are timed apart and
 * left out of both sides.
 * <pre>bench/run.sh org.xfer4j.bench.study.StudyOverheadBench [study.yaml] [rounds]</pre>
 */
public final class StudyOverheadBench {

    private StudyOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "bench/studies/four-methods.yaml");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        StudyDefinition study = StudyFile.read(file);
        try (Xfer xfer = Xfer.builder().optThreads(2).build()) {
            List<String> rows = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Path out = Files.createTempDirectory("study-overhead");
                long t0 = System.nanoTime();
                StudyRunner.Outcome o = Studies.run(xfer, study, file.toString(), out, true, Progress.NONE);
                double studiesMillis = (System.nanoTime() - t0) / 1e6;
                double harness = o.wallMillis() - o.preparationMillis();
                double[] bare = bareLoop(xfer, study);
                rows.add(String.format(Locale.ROOT, "| %d | %d | %.0f | %.0f | %.0f | %.1f %% | %.0f | %.0f | %.1f %% "
                                + "| %.3f | %.0f |", round, o.newRuns(), o.fitPredictMillis(), harness,
                        o.overheadMillis(), 100 * o.overheadMillis() / o.fitPredictMillis(), bare[1], bare[0],
                        100 * (bare[0] - bare[1]) / bare[1], harness / bare[0], studiesMillis - o.wallMillis()));
                System.out.println(rows.getLast());
            }
            System.out.println();
            System.out.println("| round | runs | harness: fit+predict ms | harness: loop ms | harness: overhead ms "
                    + "| overhead / (fit+predict) | bare: fit+predict ms | bare: loop ms | bare: loop beyond fit+predict "
                    + "| harness loop / bare loop | one-off ms (validate, provenance, report) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
        }
    }

    /** The same fits and predictions with no harness: {loop wall ms, summed fit+predict ms}. */
    private static double[] bareLoop(Xfer xfer, StudyDefinition study) {
        double loop = 0;
        double fitPredict = 0;
        Path cache = xfer.context().cacheDir();
        for (StudyDefinition.DatasetEntry d : study.datasets()) {
            Dataset pool = capped(DataSpecs.resolve(d.train(), cache), d.trainPerClass(), study.seed());
            Dataset test = capped(DataSpecs.resolve(d.test(), cache), d.testPerClass(), study.seed());
            for (StudyDefinition.ModelEntry m : study.models()) {
                if (!m.appliesTo(d.name())) {
                    continue;
                }
                try (SourceModel model = xfer.openModel(m.model())) {
                    List<String> layers = List.of(model.defaultFeatureLayer());
                    FeatureSet train = new FeatureSet(xfer.extract(model, pool, layers), pool.labels(), pool.classes());
                    FeatureSet held = new FeatureSet(xfer.extract(model, test, layers), test.labels(), test.classes());
                    int[] all = IntStream.range(0, train.size()).toArray();
                    long start = System.nanoTime();
                    for (int k : study.shotsOf(d)) {
                        for (int rep = 0; rep < study.repeats(); rep++) {
                            FeatureSet draw = train.select(Splits.perClass(train.labels(), all, k,
                                    study.seed() + 1000L * rep + k));
                            for (StudyDefinition.MethodEntry method : study.methods()) {
                                long f0 = System.nanoTime();
                                FeatureClassifier c = xfer.fit(method.method(), draw, method.options());
                                c.predict(held.features());
                                fitPredict += (System.nanoTime() - f0) / 1e6;
                            }
                        }
                    }
                    loop += (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return new double[] {loop, fitPredict};
    }

    private static Dataset capped(Dataset d, int perClass, long seed) {
        return perClass == 0 ? d
                : d.subset(Splits.perClass(d.labels(), IntStream.range(0, d.size()).toArray(), perClass, seed));
    }
}
