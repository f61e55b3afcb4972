package org.xfer4j.bench.fewshot;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.data.split.Splits;
import org.xfer4j.repurposers.metamodel.svm.SvmProvider;

/**
 * Xfer4j's {@code svm} against scikit-learn's {@code SVC} at k examples per class of the Brown genres (bge features,
 * {@link FewShotTasks#genres}): writes the features and the seeded draws to OUT for bench/genres/svc_reference.py,
 * and, for every draw, the accuracy and NLL of {@code svm} with SVC's settings (C=1, gamma=scale) and with its
 * defaults (C and gamma auto) to OUT/java.csv. Usage: SvmAgainstSvc OUT [draws] [shots: 5,20,100]
 */
public final class SvmAgainstSvc {

    private SvmAgainstSvc() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int draws = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int[] shots = java.util.Arrays.stream((args.length > 2 ? args[2] : "5,20,100").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Files.createDirectories(out);
        SvmProvider svm = new SvmProvider();
        Map<String, Map<String, String>> variants = Map.of("svm-C1-scale", Map.of("C", "1", "gamma", "scale"),
                "svm-defaults", Map.of());
        try (Xfer xfer = Xfer.builder().build()) {
            FewShotTasks.Task task = FewShotTasks.genres(xfer).judging();
            write(out.resolve("pool.csv"), task.pool());
            write(out.resolve("test.csv"), task.heldOut());
            int[] all = IntStream.range(0, task.pool().size()).toArray();
            try (PrintWriter draws_ = new PrintWriter(Files.newBufferedWriter(out.resolve("draws.csv")));
                 PrintWriter results = new PrintWriter(Files.newBufferedWriter(out.resolve("java.csv")))) {
                draws_.println("k,draw,indices");
                results.println("k,draw,method,accuracy,nll");
                for (int k : shots) {
                    for (int d = 0; d < draws; d++) {
                        int[] idx = Splits.perClass(task.pool().labels(), all, k, FewShotTasks.SEED + 1000L * d + k);
                        draws_.println(k + "," + d + "," + String.join(" ",
                                IntStream.of(idx).mapToObj(Integer::toString).toList()));
                        for (var v : variants.entrySet()) {
                            Predictions p = svm.fit(task.pool().select(idx), svm.parseOptions(v.getValue()),
                                    ProviderContext.defaults()).predict(task.heldOut().features());
                            Evaluation e = Metrics.evaluate(p, task.heldOut().labels());
                            results.printf(Locale.ROOT, "%d,%d,%s,%.6f,%.6f%n", k, d, v.getKey(), e.accuracy(),
                                    e.nll());
                        }
                    }
                    System.out.println("k=" + k + " done");
                }
            }
        }
    }

    /** Features then the integer label, with a header f0..f{d-1},label. */
    private static void write(Path file, FeatureSet set) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            int d = set.features().columns();
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < d; j++) {
                header.append('f').append(j).append(',');
            }
            w.println(header.append("label"));
            for (int i = 0; i < set.size(); i++) {
                StringBuilder row = new StringBuilder();
                for (int j = 0; j < d; j++) {
                    row.append(set.features().get(i, j)).append(',');
                }
                w.println(row.append(set.labels()[i]));
            }
        }
    }
}
