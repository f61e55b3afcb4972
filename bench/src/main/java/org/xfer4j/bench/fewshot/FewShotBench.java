package org.xfer4j.bench.fewshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.data.split.Splits;
import org.xfer4j.repurposers.metamodel.gp.GpProvider;
import org.xfer4j.repurposers.metamodel.lr.LrProvider;
import org.xfer4j.repurposers.metamodel.svm.SvmProvider;

/**
 * Few-shot accuracy and calibration of the meta-models on real features ({@link FewShotTasks}): each method is
 * trained on k examples per class (seeded draws from the task's pool, as the quickstart draws them) and on the
 * whole pool, and judged on held-out examples; prints one markdown table per task, with gp's accuracy and ECE beside
 * lr's. {@code validation} judges on validation examples (for development), {@code test} on the test parts.
 * Usage: FewShotBench validation|test [draws] [tasks: text,image,digits,tops,footwear,genres] [method[:key=value;...]]...
 */
public final class FewShotBench {

    private record Method(String label, FeatureRepurposerProvider provider, Options options) {
    }

    private record Row(String method, String shots, double accuracy, double accuracySd, double macroF1, double nll,
            double ece, double confidence, double fitMs) {
    }

    /** Examples per class of the draws; -Dshots=1,5 overrides. */
    private static final int[] SHOTS = java.util.Arrays.stream(System.getProperty("shots", "1,5,10,50").split(","))
            .mapToInt(Integer::parseInt).toArray();

    private FewShotBench() {
    }

    public static void main(String[] args) {
        boolean test = args.length > 0 && args[0].equals("test");
        int draws = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> tasks = List.of((args.length > 2 ? args[2] : "text,image,digits,tops,footwear").split(","));
        List<Method> methods = new ArrayList<>();
        for (int a = 3; a < args.length; a++) {
            methods.add(method(args[a]));
        }
        if (methods.isEmpty()) {
            for (String m : List.of("lr", "svm", "gp")) {
                methods.add(method(m));
            }
        }
        System.out.printf("judged on %s examples, %d draws per size%n", test ? "test" : "validation", draws);
        try (Xfer xfer = Xfer.builder().build()) {
            for (String t : tasks) {
                FewShotTasks.Task task = switch (t) {
                    case "text" -> FewShotTasks.text(xfer).get(test);
                    case "genres" -> FewShotTasks.genres(xfer).get(test);
                    case "image" -> FewShotTasks.fashion(xfer).get(test);
                    case "digits" -> FewShotTasks.mnist(xfer).get(test);
                    case "tops" -> FewShotTasks.fashionSubset(xfer, "tops (MobileNetV2, Fashion-MNIST T-shirt/"
                            + "pullover/shirt)", new int[] {0, 2, 6}, 100, 100, 7).get(test);
                    case "footwear" -> FewShotTasks.fashionSubset(xfer, "footwear (MobileNetV2, Fashion-MNIST "
                            + "sandal/sneaker/ankle boot)", new int[] {5, 7, 9}, 100, 100, 8).get(test);
                    default -> throw new IllegalArgumentException("unknown task " + t);
                };
                print(task, run(task, methods, draws));
            }
        }
    }

    /** "id" or "id:key=value;key=value", labelled as written. */
    private static Method method(String spec) {
        String[] parts = spec.split(":", 2);
        FeatureRepurposerProvider p = switch (parts[0]) {
            case "lr" -> new LrProvider();
            case "svm" -> new SvmProvider();
            case "gp" -> new GpProvider();
            default -> throw new IllegalArgumentException("unknown method " + parts[0]);
        };
        Map<String, String> options = new LinkedHashMap<>();
        if (parts.length > 1) {
            for (String kv : parts[1].split(";")) {
                String[] e = kv.split("=", 2);
                options.put(e[0], e[1]);
            }
        }
        return new Method(spec, p, p.parseOptions(options));
    }

    private static List<Row> run(FewShotTasks.Task task, List<Method> methods, int draws) {
        List<Row> rows = new ArrayList<>();
        FeatureSet pool = task.pool();
        int[] all = IntStream.range(0, pool.size()).toArray();
        for (int k : SHOTS) {
            for (Method m : methods) {
                double[] acc = new double[draws];
                double f1 = 0;
                double nll = 0;
                double ece = 0;
                double confidence = 0;
                double ms = 0;
                for (int rep = 0; rep < draws; rep++) {
                    // the quickstart's draw seeds (FewShotStudy): seed + 1000 * repeat + k
                    int[] idx = Splits.perClass(pool.labels(), all, k, FewShotTasks.SEED + 1000L * rep + k);
                    Evaluation e = fitAndJudge(m, pool.select(idx), task.heldOut());
                    acc[rep] = e.accuracy();
                    f1 += e.macroF1() / draws;
                    nll += e.nll() / draws;
                    ece += e.ece() / draws;
                    confidence += lastConfidence / draws;
                    ms += lastFitMs / draws;
                }
                rows.add(new Row(m.label(), Integer.toString(k), mean(acc), sd(acc), f1, nll, ece, confidence, ms));
            }
        }
        for (Method m : methods) {
            Evaluation e = fitAndJudge(m, pool, task.heldOut());
            rows.add(new Row(m.label(), "all " + pool.size(), e.accuracy(), 0, e.macroF1(), e.nll(), e.ece(),
                    lastConfidence, lastFitMs));
        }
        return rows;
    }

    private static double lastFitMs;
    private static double lastConfidence;

    /** Fits and evaluates; the fit time and the mean top probability are left in lastFitMs and lastConfidence. */
    private static Evaluation fitAndJudge(Method m, FeatureSet train, FeatureSet heldOut) {
        long t0 = System.nanoTime();
        var classifier = m.provider().fit(train, m.options(), ProviderContext.defaults());
        lastFitMs = (System.nanoTime() - t0) / 1e6;
        if (Boolean.getBoolean("chosen") && !classifier.chosenOptions().isEmpty()) {
            System.out.println(m.label() + " on " + train.size() + ": chose " + classifier.chosenOptions());
        }
        Predictions p = classifier.predict(heldOut.features());
        lastConfidence = 0;
        for (double[] row : p.probabilities()) {
            lastConfidence += Arrays.stream(row).max().orElseThrow() / p.size();
        }
        return Metrics.evaluate(p, heldOut.labels());
    }

    private static void print(FewShotTasks.Task task, List<Row> rows) {
        System.out.printf(Locale.ROOT, "%n%s: pool %d, held out %d, %d classes%n%n", task.name(), task.pool().size(),
                task.heldOut().size(), task.pool().classes().size());
        System.out.println("| shots/class | method | accuracy (mean ± sd) | macro-F1 | NLL | ECE | mean top probability "
                + "| fit ms |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.4f ± %.4f | %.4f | %.4f | %.4f | %.4f | %.1f |%n", r.shots(),
                    r.method(), r.accuracy(), r.accuracySd(), r.macroF1(), r.nll(), r.ece(), r.confidence(), r.fitMs());
        }
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0;
    }
}
