package org.xfer4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.RepurposerProvider;
import org.xfer4j.cli.report.HtmlReport;
import org.xfer4j.cli.study.FewShotStudy;
import org.xfer4j.cli.study.StudyReport;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.data.split.Splits;
import org.xfer4j.data.text.SpamAssassin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The built-in default job, two few-shot studies on one report page: bge-small-en-v1.5 features of SpamAssassin
 * subject lines (text) and MobileNetV2 features of Fashion-MNIST images (image), each repurposed by every meta-model
 * method at several numbers of examples per class and evaluated on held-out examples.
 */
@Command(name = "quickstart", description = "Few-shot spam detection from email subjects with a pretrained text "
        + "encoder (5, 10, 50 and all examples per class) and few-shot Fashion-MNIST with a pretrained CNN (10 and 100 "
        + "per class), every meta-model method; writes an HTML report.")
final class QuickstartCommand implements Runnable {

    /** The studies the quickstart knows. */
    enum Task { text, image }

    @Mixin
    HostOptions host;

    @Option(names = "--tasks", split = ",", defaultValue = "text,image",
            description = "Studies to run: text, image (default ${DEFAULT-VALUE}).")
    List<Task> tasks;

    @Option(names = "--methods", split = ",", description = "Methods (default: lr, svm, gp and every installed plugin method).")
    List<String> methods;

    @Option(names = "--text-model", defaultValue = "bge-small-en-v1.5", description = "Text encoder (default ${DEFAULT-VALUE}).")
    String textModel;

    @Option(names = "--shots", split = ",", defaultValue = "5,10,50,all",
            description = "Text study: examples per class, or all (default ${DEFAULT-VALUE}).")
    List<String> shots;

    @Option(names = "--image-model", defaultValue = "mobilenet-v2", description = "Image model (default ${DEFAULT-VALUE}).")
    String imageModel;

    @Option(names = "--image-shots", split = ",", defaultValue = "10,100",
            description = "Image study: examples per class (default ${DEFAULT-VALUE}).")
    List<Integer> imageShots;

    @Option(names = "--image-pool", defaultValue = "200",
            description = "Image study: training images per class the draws come from (default ${DEFAULT-VALUE}).")
    int imagePool;

    @Option(names = "--image-test", defaultValue = "50",
            description = "Image study: held-out test images per class (default ${DEFAULT-VALUE}).")
    int imageTest;

    @Option(names = "--repeats", defaultValue = "5", description = "Draws per few-shot size (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--out", defaultValue = "reports/quickstart", description = "Report folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public void run() {
        ConsoleProgress progress = new ConsoleProgress();
        HtmlReport page = new HtmlReport("Xfer4j quickstart: few-shot repurposing of pretrained networks");
        try (Xfer xfer = host.open(progress)) {
            List<String> chosen = methods != null ? methods : defaultMethods(xfer);
            chosen.forEach(m -> xfer.registry().repurposer(m)); // unknown methods fail before any model is fetched
            for (Task t : tasks) {
                StudyReport report = switch (t) {
                    case text -> textStudy(xfer, chosen, progress);
                    case image -> imageStudy(xfer, chosen, progress);
                };
                System.out.println();
                System.out.print(report.table());
                report.addTo(page, out, t.name());
            }
        }
        Path index = page.write(out);
        System.out.printf("%nreport: %s (with <task>-summary.csv, <task>-runs.csv, <task>-summary.json)%n",
                index.toAbsolutePath());
    }

    private StudyReport textStudy(Xfer xfer, List<String> chosen, ConsoleProgress progress) {
        try (SourceModel m = xfer.openModel(textModel)) {
            Dataset data = SpamAssassin.subjects(xfer.context().cacheDir());
            Splits.Split split = Splits.stratified(data.labels(), DataSpecs.TEST_FRACTION, DataSpecs.SPLIT_SEED);
            System.out.printf("%s: %d subject lines (%s), %d for training, %d held out for testing%n",
                    data.name(), data.size(), String.join("/", data.classes()), split.train().length, split.test().length);
            String layer = m.defaultFeatureLayer();
            FeatureMatrix features = xfer.extract(m, data, List.of(layer));
            FeatureSet all = new FeatureSet(features, data.labels(), data.classes());
            FewShotStudy.Plan plan = new FewShotStudy.Plan(chosen, parseShots(shots), repeats, host.seed());
            List<FewShotStudy.Run> runs = FewShotStudy.run(xfer, plan, all.select(split.train()),
                    all.select(split.test()), progress);
            String setup = String.format(Locale.ROOT, "Source model %s (layer %s, %d features, sha256 %s). Task: %s, "
                            + "classes %s; %d training and %d held-out test examples (stratified, seed %d). "
                            + "Few-shot sizes are drawn %d times with different seeds; means and standard deviations shown.",
                    m.name(), layer, features.columns(), m.sha256().substring(0, 12), data.name(), data.classes(),
                    split.train().length, split.test().length, DataSpecs.SPLIT_SEED, repeats);
            return new StudyReport("Text: few-shot spam detection from subject lines", setup, runs,
                    all.select(split.test()).labels(), data.classes());
        }
    }

    private StudyReport imageStudy(Xfer xfer, List<String> chosen, ConsoleProgress progress) {
        int most = imageShots.stream().max(Integer::compare).orElseThrow();
        InvalidOptionException.require(imagePool >= most, "--image-pool (" + imagePool
                + ") must be at least the largest --image-shots (" + most + ")");
        try (SourceModel m = xfer.openModel(imageModel)) {
            Path cache = xfer.context().cacheDir();
            Dataset trainAll = FashionMnist.train(cache);
            Dataset testAll = FashionMnist.test(cache);
            // Subsets of Fashion-MNIST's own split keep a CPU run to a few minutes; draws come from the pool.
            Dataset pool = trainAll.subset(Splits.perClass(trainAll.labels(), all(trainAll), imagePool, host.seed()));
            Dataset test = testAll.subset(Splits.perClass(testAll.labels(), all(testAll), imageTest, host.seed()));
            System.out.printf("%s: %d training images the draws come from, %d held-out test images, classes %s%n",
                    trainAll.name(), pool.size(), test.size(), trainAll.classes());
            String layer = m.defaultFeatureLayer();
            FeatureSet train = new FeatureSet(xfer.extract(m, pool, List.of(layer)), pool.labels(), pool.classes());
            FeatureSet held = new FeatureSet(xfer.extract(m, test, List.of(layer)), test.labels(), test.classes());
            FewShotStudy.Plan plan = new FewShotStudy.Plan(chosen, imageShots, repeats, host.seed());
            List<FewShotStudy.Run> runs = FewShotStudy.run(xfer, plan, train, held, progress);
            String setup = String.format(Locale.ROOT, "Source model %s (layer %s, %d features, sha256 %s), ImageNet "
                            + "weights imported from TensorFlow.js. Task: Fashion-MNIST (28x28 grey images resized to the "
                            + "model's input), %d classes; draws from %d training images per class, evaluated on %d "
                            + "test images per class of Fashion-MNIST's test split (seed %d); %d draws per size.",
                    m.name(), layer, train.features().columns(), m.sha256().substring(0, 12), trainAll.classes().size(),
                    imagePool, imageTest, host.seed(), repeats);
            return new StudyReport("Image: few-shot Fashion-MNIST with a pretrained CNN", setup, runs, held.labels(),
                    held.classes());
        }
    }

    private static int[] all(Dataset d) {
        return IntStream.range(0, d.size()).toArray();
    }

    /** The built-in meta-model methods, then every other feature method a plugin adds. */
    private static List<String> defaultMethods(Xfer xfer) {
        List<String> ids = new ArrayList<>(List.of("lr", "svm", "gp"));
        for (RepurposerProvider p : xfer.registry().repurposers()) {
            if (p instanceof FeatureRepurposerProvider && !ids.contains(p.id())) {
                ids.add(p.id());
            }
        }
        return ids;
    }

    private static List<Integer> parseShots(List<String> values) {
        List<Integer> out = new ArrayList<>();
        for (String v : values) {
            if (v.equalsIgnoreCase("all")) {
                out.add(FewShotStudy.ALL);
            } else {
                try {
                    out.add(Integer.parseInt(v.trim()));
                } catch (NumberFormatException e) {
                    throw new InvalidOptionException("--shots takes whole numbers or 'all', got '" + v + "'");
                }
            }
        }
        return out;
    }
}
