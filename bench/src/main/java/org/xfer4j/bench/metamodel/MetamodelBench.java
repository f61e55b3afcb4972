package org.xfer4j.bench.metamodel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import com.sun.management.OperatingSystemMXBean;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.data.io.Csv;
import org.xfer4j.repurposers.metamodel.gp.GpProvider;
import org.xfer4j.repurposers.metamodel.lr.LrProvider;
import org.xfer4j.repurposers.metamodel.svm.SvmProvider;

/**
 * Fits every method on every OUT/NAME.train.csv, evaluates on OUT/NAME.test.csv and writes OUT/java.csv with the
 * median wall and process-CPU time of N fits after warm-up fits (so the JIT has compiled the hot loops, as
 * NumPy's are compiled); CPU time stays comparable when other work shares the machine.
 * Usage: MetamodelBench OUT [repeats]
 */
public final class MetamodelBench {

    private record Method(String id, FeatureRepurposerProvider provider, Options options) {
    }

    /** Warm-up fits run for at least this long (C2 compiles the hot loops after a few thousand calls). */
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private static final int MAX_WARM_UP_FITS = 20;

    private MetamodelBench() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SvmProvider svm = new SvmProvider();
        LrProvider lr = new LrProvider();
        GpProvider gp = new GpProvider();
        List<Method> methods = List.of(
                new Method("lr", lr, lr.defaultOptions()),
                new Method("svm-linear", svm, svm.parseOptions(Map.of("kernel", "linear"))),
                new Method("svm-rbf", svm, svm.parseOptions(Map.of("kernel", "rbf"))),
                new Method("gp", gp, gp.defaultOptions()));
        List<Path> trainFiles;
        try (Stream<Path> files = Files.list(out)) {
            trainFiles = files.filter(p -> p.getFileName().toString().endsWith(".train.csv")).sorted().toList();
        }
        List<List<String>> rows = new ArrayList<>();
        for (Path trainFile : trainFiles) {
            String name = trainFile.getFileName().toString().replace(".train.csv", "");
            FeatureSet train = FeatureCsv.read(trainFile);
            FeatureSet test = FeatureCsv.read(out.resolve(name + ".test.csv"));
            for (Method m : methods) {
                List<String> row = new ArrayList<>(List.of(name, m.id(), Integer.toString(train.size())));
                row.addAll(run(m, train, test, repeats));
                rows.add(row);
                System.out.println("java " + String.join(",", row));
            }
        }
        Csv.write(out.resolve("java.csv"), w -> {
            w.record(List.of("dataset", "method", "n_train", "accuracy", "nll", "ece", "fit_seconds", "cpu_seconds"));
            for (List<String> row : rows) {
                w.record(row);
            }
        });
    }

    private static List<String> run(Method m, FeatureSet train, FeatureSet test, int repeats) {
        ProviderContext context = ProviderContext.defaults();
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        for (int w = 0; w < MAX_WARM_UP_FITS && (w == 0 || System.nanoTime() < warmUpEnd); w++) {
            m.provider().fit(train, m.options(), context);
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] seconds = new double[repeats];
        double[] cpuSeconds = new double[repeats];
        FeatureClassifier classifier = null;
        for (int r = 0; r < repeats; r++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            classifier = m.provider().fit(train, m.options(), context);
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            cpuSeconds[r] = (os.getProcessCpuTime() - cpu0) / 1e9;
        }
        Arrays.sort(seconds);
        Arrays.sort(cpuSeconds);
        Evaluation e = Metrics.evaluate(classifier.predict(test.features()), test.labels());
        return Stream.of(e.accuracy(), e.nll(), e.ece(), seconds[repeats / 2], cpuSeconds[repeats / 2])
                .map(v -> String.format(Locale.ROOT, "%.6f", v)).toList();
    }
}
