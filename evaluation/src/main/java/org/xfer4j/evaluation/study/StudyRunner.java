package org.xfer4j.evaluation.study;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.LabelAlignment;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.core.metrics.ReliabilityDiagram;
import org.xfer4j.data.split.Splits;
import org.xfer4j.evaluation.study.StudyDefinition.DatasetEntry;
import org.xfer4j.evaluation.study.StudyDefinition.MethodEntry;
import org.xfer4j.evaluation.study.StudyDefinition.ModelEntry;

/**
 * Runs a study: for every dataset and model, features are extracted once (and cached on disk by {@link Xfer}); every
 * few-shot draw is made once and given to every method, feature methods on its features and graph methods on its raw
 * examples; each run is appended to the {@link ResultLog} as it finishes, and runs already there are skipped. A run
 * that throws is recorded as failed with its message, and the study goes on.
 */
public final class StudyRunner {

    /**
     * What a call did and what it cost.
     *
     * @param records every run of the study (earlier and new), in order
     * @param newRuns runs made by this call
     * @param skipped runs already recorded
     * @param wallMillis wall time of the call
     * @param preparationMillis loading data, opening models and extracting features
     * @param fitPredictMillis the summed fit and predict times of the new runs
     */
    public record Outcome(List<RunRecord> records, int newRuns, int skipped, double wallMillis,
                          double preparationMillis, double fitPredictMillis) {

        /** Time the harness itself spent (drawing, metrics, writing results), in milliseconds. */
        public double overheadMillis() {
            return wallMillis - preparationMillis - fitPredictMillis;
        }
    }

    private final Xfer xfer;
    private final Progress progress;

    /** A runner using {@code xfer}'s methods and models, reporting to {@code progress}. */
    public StudyRunner(Xfer xfer, Progress progress) {
        this.xfer = xfer;
        this.progress = progress;
    }

    /**
     * Runs what {@code log} does not hold yet of {@code study}. The study should have passed
     * {@link StudyValidator#validate}.
     */
    public Outcome run(StudyDefinition study, ResultLog log) {
        long start = System.nanoTime();
        double[] prep = {0};
        double fitPredict = 0;
        int made = 0;
        int skipped = 0;
        progress.start("study " + study.name(), total(study));
        for (DatasetEntry d : study.datasets()) {
            Data data = null;
            for (ModelEntry m : study.models()) {
                if (!m.appliesTo(d.name())) {
                    continue;
                }
                if (allDone(study, d, m, log)) {
                    skipped += planned(study, d);
                    progress.advance(planned(study, d));
                    continue;
                }
                long t0 = System.nanoTime();
                data = data != null ? data : Data.load(d, study.seed(), xfer.context().cacheDir());
                try (SourceModel model = xfer.openModel(m.model())) {
                    List<String> layers = m.layers().isEmpty() ? List.of(model.defaultFeatureLayer()) : m.layers();
                    String layerKey = m.layers().isEmpty() ? "" : String.join(",", m.layers());
                    Features features = new Features(xfer, model, layers, data);
                    prep[0] += (System.nanoTime() - t0) / 1e6;
                    int[] pool = IntStream.range(0, data.train().size()).toArray();
                    for (int k : study.shotsOf(d)) {
                        int repeats = k == StudyDefinition.ALL ? 1 : study.repeats();
                        for (int rep = 0; rep < repeats; rep++) {
                            long seed = study.seed() + 1000L * rep + k;
                            int[] draw = k == StudyDefinition.ALL ? pool
                                    : Splits.perClass(data.train().labels(), pool, k, seed);
                            for (MethodEntry method : study.methods()) {
                                progress.checkCancelled();
                                if (log.has(RunRecord.key(d.name(), m.model(), layerKey, method.label(), k, rep))) {
                                    skipped++;
                                } else {
                                    Draw at = new Draw(d.name(), m.model(), layerKey, k, rep, seed, draw);
                                    RunRecord r = runOne(method, at, model, layers, data, features, prep);
                                    log.append(r);
                                    fitPredict += r.ok() ? r.fitMillis() + r.predictMillis() : 0;
                                    made++;
                                }
                                progress.advance(1);
                            }
                        }
                    }
                }
            }
        }
        progress.finish();
        return new Outcome(log.records(), made, skipped, (System.nanoTime() - start) / 1e6, prep[0], fitPredict);
    }

    /** One draw of one dataset through one model. */
    private record Draw(String dataset, String model, String layers, int shots, int repeat, long seed, int[] indices) {
    }

    private RunRecord runOne(MethodEntry method, Draw draw, SourceModel model, List<String> layers, Data data,
                             Features features, double[] prep) {
        int[] testLabels = data.test().labels();
        try {
            resetPeaks();
            long t0;
            long t1;
            Predictions p;
            double[] loss = new double[0];
            if (xfer.registry().repurposer(method.method()) instanceof FeatureRepurposerProvider) {
                long e0 = System.nanoTime();
                FeatureSet train = features.train().select(draw.indices());
                FeatureSet test = features.test();
                prep[0] += (System.nanoTime() - e0) / 1e6;
                t0 = System.nanoTime();
                FeatureClassifier c = xfer.fit(method.method(), train, method.options());
                t1 = System.nanoTime();
                p = c.predict(test.features());
            } else {
                t0 = System.nanoTime();
                try (RepurposedModel r = xfer.repurpose(method.method(), model, layers,
                        data.train().subset(draw.indices()), method.options())) {
                    t1 = System.nanoTime();
                    p = r.predict(data.test(), Progress.NONE);
                    loss = r.trainingLoss().stream().mapToDouble(Double::doubleValue).toArray();
                }
            }
            long t2 = System.nanoTime();
            // test labels meet the model's classes by name (a test set may hold a subset of them, or others)
            Evaluation e = Metrics.evaluate(p, data.test());
            LabelAlignment alignment = LabelAlignment.of(data.test().classes(), p.classes());
            int[] aligned = alignment.align(testLabels, "dataset " + data.test().name());
            return new RunRecord(draw.dataset(), draw.model(), draw.layers(), method.label(), method.method(),
                    method.options(), draw.shots(), draw.repeat(), draw.seed(), draw.indices().length,
                    testLabels.length, null, e.accuracy(), e.macroF1(), e.nll(), e.ece(), e.brier(), (t1 - t0) / 1e6,
                    (t2 - t1) / 1e6, peakHeapMb(), alignment.classes(), confusion(p, aligned, alignment),
                    reliability(p, testLabels, data.test().classes()), loss);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            String message = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": "
                    + e.getMessage();
            return new RunRecord(draw.dataset(), draw.model(), draw.layers(), method.label(), method.method(),
                    method.options(), draw.shots(), draw.repeat(), draw.seed(), draw.indices().length,
                    testLabels.length, message, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, data.test().classes(), new int[0][], new double[0][],
                    new double[0]);
        }
    }

    /** Rows: true classes, columns: predicted ones, both indexing {@code alignment.classes()}. */
    private static int[][] confusion(Predictions p, int[] labels, LabelAlignment alignment) {
        int k = alignment.classes().size();
        int[][] m = new int[k][k];
        int[] predicted = p.labels();
        for (int i = 0; i < labels.length; i++) {
            m[labels[i]][predicted[i]]++;
        }
        return m;
    }

    private static double[][] reliability(Predictions p, int[] labels, List<String> labelClasses) {
        return ReliabilityDiagram.of(p, labels, labelClasses, RunRecord.RELIABILITY_BINS).bins().stream()
                .map(b -> new double[] {b.count(), b.confidence(), b.accuracy()}).toArray(double[][]::new);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }

    private static int planned(StudyDefinition study, DatasetEntry d) {
        int runs = 0;
        for (int k : study.shotsOf(d)) {
            runs += (k == StudyDefinition.ALL ? 1 : study.repeats()) * study.methods().size();
        }
        return runs;
    }

    private static int total(StudyDefinition study) {
        int runs = 0;
        for (DatasetEntry d : study.datasets()) {
            runs += planned(study, d) * (int) study.models().stream().filter(m -> m.appliesTo(d.name())).count();
        }
        return runs;
    }

    private static boolean allDone(StudyDefinition study, DatasetEntry d, ModelEntry m, ResultLog log) {
        String layers = String.join(",", m.layers());
        for (int k : study.shotsOf(d)) {
            for (int rep = 0; rep < (k == StudyDefinition.ALL ? 1 : study.repeats()); rep++) {
                for (MethodEntry method : study.methods()) {
                    if (!log.has(RunRecord.key(d.name(), m.model(), layers, method.label(), k, rep))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** A dataset's training pool and test part, as the study entry defines them. */
    record Data(Dataset train, Dataset test) {

        static Data load(DatasetEntry d, long seed, Path cacheDir) {
            Dataset train;
            Dataset test;
            if (d.data() != null) {
                Dataset all = org.xfer4j.data.spec.DataSpecs.resolve(d.data(), cacheDir);
                Splits.Split s = Splits.stratified(all.labels(), d.testFraction(), d.splitSeed());
                train = all.subset(s.train());
                test = all.subset(s.test());
            } else {
                train = org.xfer4j.data.spec.DataSpecs.resolve(d.train(), cacheDir);
                test = org.xfer4j.data.spec.DataSpecs.resolve(d.test(), cacheDir);
            }
            return new Data(cap(train, d.trainPerClass(), seed), cap(test, d.testPerClass(), seed));
        }

        private static Dataset cap(Dataset d, int perClass, long seed) {
            return perClass == 0 ? d
                    : d.subset(Splits.perClass(d.labels(), IntStream.range(0, d.size()).toArray(), perClass, seed));
        }
    }

    /** Features of the pool and the test part, extracted on first use: a study of graph methods only needs none. */
    private static final class Features {
        private final Xfer xfer;
        private final SourceModel model;
        private final List<String> layers;
        private final Data data;
        private FeatureSet train;
        private FeatureSet test;

        Features(Xfer xfer, SourceModel model, List<String> layers, Data data) {
            this.xfer = xfer;
            this.model = model;
            this.layers = layers;
            this.data = data;
        }

        FeatureSet train() {
            if (train == null) {
                train = new FeatureSet(xfer.extract(model, data.train(), layers), data.train().labels(),
                        data.train().classes());
            }
            return train;
        }

        FeatureSet test() {
            if (test == null) {
                test = new FeatureSet(xfer.extract(model, data.test(), layers), data.test().labels(),
                        data.test().classes());
            }
            return test;
        }
    }
}
