package org.xfer4j.bench.metamodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
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

    private MetamodelBench() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SvmProvider svm = new SvmProvider();
        LrProvider lr = new LrProvider();
        GpProvider gp = new GpProvider();
        List<Method> methods = List.of(
                // scikit-learn's defaults on both sides (C=1, gamma=scale), not Xfer4j's C=auto
                new Method("lr", lr, lr.parseOptions(Map.of("C", "1"))),
                new Method("svm-linear", svm, svm.parseOptions(Map.of("kernel", "linear", "C", "1"))),
                new Method("svm-rbf", svm, svm.parseOptions(Map.of("kernel", "rbf", "C", "1", "gamma", "scale"))),
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
        Timing t = Timing.of(() -> m.provider().fit(train, m.options(), context)::predict, repeats);
        Evaluation e = Metrics.evaluate(t.model().apply(test.features()), test.labels());
        return Stream.of(e.accuracy(), e.nll(), e.ece(), t.wallSeconds(), t.cpuSeconds())
                .map(v -> String.format(Locale.ROOT, "%.6f", v)).toList();
    }
}
