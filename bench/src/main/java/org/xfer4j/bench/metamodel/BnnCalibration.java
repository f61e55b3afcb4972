package org.xfer4j.bench.metamodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.data.split.Splits;
import org.xfer4j.data.text.SpamAssassin;
import org.xfer4j.repurposers.metamodel.bnn.BnnProvider;
import org.xfer4j.repurposers.metamodel.gp.GpProvider;
import org.xfer4j.repurposers.metamodel.lr.LrProvider;

/**
 * Calibration of {@code bnn} against {@code lr} and {@code gp} at 5, 10, 20 and 50 examples per class, on real
 * features: bge-small-en-v1.5 of the SpamAssassin subjects (the product's 70/30 split) and MobileNetV2 of
 * Fashion-MNIST (the quickstart's subsets: 200 training images per class, 50 test images per class of the test
 * split). Features come through the host's feature cache, so only the first run extracts them.
 * <p>
 * {@code test} mode trains on draws from the training part and evaluates on the test part. {@code validate} mode,
 * used to choose bnn's defaults, never touches the test part: it holds 30 % of the training part out and draws from
 * the rest; each further argument is one bnn option set ({@code key=value,key=value}) to compare.
 * <p>
 * Usage: {@code BnnCalibration test|validate text|image|both[@SHOTS] DRAWS [bnn options...]}, SHOTS a comma list
 * (default 5,10,20,50)
 */
public final class BnnCalibration {

    private static final String SHOTS = "5,10,20,50";
    private static final double TEST_FRACTION = 0.3;
    private static final long SPLIT_SEED = 42;
    private static final int IMAGE_POOL = 200;
    private static final int IMAGE_TEST = 50;

    /** A training part to draw from and a part to evaluate on. */
    record Task(String name, FeatureSet train, FeatureSet test) {
    }

    private record Method(String label, FeatureRepurposerProvider provider, Map<String, String> options) {
    }

    private BnnCalibration() {
    }

    public static void main(String[] args) {
        boolean validate = args[0].equals("validate");
        String[] taskAndShots = (args[1] + "@" + SHOTS).split("@");
        String which = taskAndShots[0];
        int[] shotsPerClass = java.util.Arrays.stream(taskAndShots[1].split(",")).mapToInt(Integer::parseInt).toArray();
        int draws = Integer.parseInt(args[2]);
        List<Method> methods = new ArrayList<>();
        methods.add(new Method("lr", new LrProvider(), Map.of()));
        if (!validate) {
            methods.add(new Method("gp", new GpProvider(), Map.of()));
        }
        List<String> bnnSets = args.length > 3 ? List.of(args).subList(3, args.length) : List.of("");
        for (String set : bnnSets) {
            methods.add(new Method(set.isEmpty() ? "bnn" : "bnn " + set, new BnnProvider(), parse(set)));
        }
        List<Task> tasks = new ArrayList<>();
        try (Xfer xfer = Xfer.builder().build()) {
            if (!which.equals("image")) {
                tasks.add(text(xfer));
            }
            if (!which.equals("text")) {
                tasks.add(image(xfer));
            }
        }
        System.out.println("| task | shots | method | accuracy | NLL | ECE | fit s |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Task t : tasks) {
            Task run = validate ? heldOut(t) : t;
            for (int k : shotsPerClass) {
                for (Method m : methods) {
                    report(run, k, m, draws);
                }
            }
        }
    }

    private static void report(Task t, int k, Method m, int draws) {
        double accuracy = 0;
        double nll = 0;
        double ece = 0;
        double seconds = 0;
        int[] pool = IntStream.range(0, t.train().size()).toArray();
        for (int draw = 0; draw < draws; draw++) {
            long seed = 42 + 1000L * draw + k; // the quickstart's draws
            FeatureSet shots = t.train().select(Splits.perClass(t.train().labels(), pool, k, seed));
            long t0 = System.nanoTime();
            var c = m.provider().fit(shots, m.provider().parseOptions(m.options()),
                    ProviderContext.defaults().withSeed(seed));
            seconds += (System.nanoTime() - t0) / 1e9 / draws;
            Evaluation e = Metrics.evaluate(c.predict(t.test().features()), t.test().labels());
            accuracy += e.accuracy() / draws;
            nll += e.nll() / draws;
            ece += e.ece() / draws;
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.3f | %.3f | %.3f | %.2f |%n", t.name(), k, m.label(),
                accuracy, nll, ece, seconds);
    }

    /** The training part split again: 70 % to draw from, 30 % to validate on. */
    private static Task heldOut(Task t) {
        Splits.Split s = Splits.stratified(t.train().labels(), TEST_FRACTION, SPLIT_SEED + 1);
        return new Task(t.name() + " (validation)", t.train().select(s.train()), t.train().select(s.test()));
    }

    /** bge-small-en-v1.5 features of the spam subjects, the product's 70/30 split. */
    static Task text(Xfer xfer) {
        try (SourceModel m = xfer.openModel("bge-small-en-v1.5")) {
            Dataset data = SpamAssassin.subjects(xfer.context().cacheDir());
            Splits.Split split = Splits.stratified(data.labels(), TEST_FRACTION, SPLIT_SEED);
            FeatureSet all = new FeatureSet(xfer.extract(m, data, List.of(m.defaultFeatureLayer())), data.labels(),
                    data.classes());
            return new Task("spam subjects (bge)", all.select(split.train()), all.select(split.test()));
        }
    }

    /** MobileNetV2 features of the quickstart's Fashion-MNIST subsets. */
    static Task image(Xfer xfer) {
        Path cache = xfer.context().cacheDir();
        try (SourceModel m = xfer.openModel("mobilenet-v2")) {
            Dataset trainAll = FashionMnist.train(cache);
            Dataset testAll = FashionMnist.test(cache);
            Dataset pool = trainAll.subset(Splits.perClass(trainAll.labels(),
                    IntStream.range(0, trainAll.size()).toArray(), IMAGE_POOL, SPLIT_SEED));
            Dataset test = testAll.subset(Splits.perClass(testAll.labels(),
                    IntStream.range(0, testAll.size()).toArray(), IMAGE_TEST, SPLIT_SEED));
            List<String> layer = List.of(m.defaultFeatureLayer());
            return new Task("Fashion-MNIST (MobileNetV2)",
                    new FeatureSet(xfer.extract(m, pool, layer), pool.labels(), pool.classes()),
                    new FeatureSet(xfer.extract(m, test, layer), test.labels(), test.classes()));
        }
    }

    private static Map<String, String> parse(String set) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : set.split(",")) {
            if (!kv.isBlank()) {
                String[] p = kv.split("=", 2);
                out.put(p[0].trim(), p[1].trim());
            }
        }
        return out;
    }
}
