package org.xfer4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.RepurposerProvider;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.evaluation.report.StudyReport;
import org.xfer4j.evaluation.study.Studies;
import org.xfer4j.evaluation.study.StudyDefinition;
import org.xfer4j.evaluation.study.StudyDefinition.DatasetEntry;
import org.xfer4j.evaluation.study.StudyDefinition.MethodEntry;
import org.xfer4j.evaluation.study.StudyDefinition.ModelEntry;
import org.xfer4j.evaluation.study.StudyRunner;
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

    @Option(names = "--methods", split = ",", description = "Methods (default: lr, svm, gp, bnn and every installed plugin method).")
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
        try (Xfer xfer = host.open(progress)) {
            List<String> chosen = methods != null ? methods : defaultMethods(xfer);
            StudyDefinition study = definition(chosen);
            StudyRunner.Outcome o = Studies.run(xfer, study, "quickstart", out, true, progress);
            System.out.println();
            System.out.print(new StudyReport(study, o.records()).table());
        }
        System.out.printf("report: %s (with summary.csv, runs.csv, runs.jsonl, summary.json)%n",
                out.resolve("index.html").toAbsolutePath());
    }

    /** The quickstart as a study: the text and image datasets each through its own model, every chosen method. */
    StudyDefinition definition(List<String> chosen) {
        int most = imageShots.stream().max(Integer::compare).orElseThrow();
        InvalidOptionException.require(imagePool >= most, "--image-pool (" + imagePool
                + ") must be at least the largest --image-shots (" + most + ")");
        List<DatasetEntry> datasets = new ArrayList<>();
        List<ModelEntry> models = new ArrayList<>();
        if (tasks.contains(Task.text)) {
            datasets.add(new DatasetEntry("text", "Text: few-shot spam detection from subject lines", String.format(
                    Locale.ROOT, "Source model %s (its default feature layer). Task: SpamAssassin subject lines "
                            + "(ham/spam), %.0f %% held out for testing (stratified, seed %d); always answering ham "
                            + "scores 0.687.", textModel, 100 * DataSpecs.TEST_FRACTION, DataSpecs.SPLIT_SEED),
                    "spam-subjects:train", "spam-subjects:test", null, 0, 0, 0, 0, parseShots(shots), 0));
            models.add(new ModelEntry(textModel, List.of(), List.of("text"), 0));
        }
        if (tasks.contains(Task.image)) {
            datasets.add(new DatasetEntry("image", "Image: few-shot Fashion-MNIST with a pretrained CNN", String.format(
                    Locale.ROOT, "Source model %s, ImageNet weights imported from TensorFlow.js. Task: Fashion-MNIST "
                            + "(28x28 grey images resized to the model's input), 10 classes; draws from %d training "
                            + "images per class, evaluated on %d test images per class of Fashion-MNIST's test split "
                            + "(seed %d).", imageModel, imagePool, imageTest, host.seed()),
                    "fashion-mnist:train", "fashion-mnist:test", null, 0, 0, imagePool, imageTest, imageShots, 0));
            models.add(new ModelEntry(imageModel, List.of(), List.of("image"), 0));
        }
        List<MethodEntry> entries = chosen.stream().map(m -> new MethodEntry(m, m, Map.of(), 0)).toList();
        return new StudyDefinition("Xfer4j quickstart: few-shot repurposing of pretrained networks", host.seed(),
                repeats, parseShots(shots), datasets, models, entries, "built-in quickstart: tasks " + tasks
                + ", methods " + chosen + ", shots " + shots + ", image shots " + imageShots + ", repeats " + repeats);
    }

    /** The built-in meta-model methods, then every other feature method a plugin adds. */
    private static List<String> defaultMethods(Xfer xfer) {
        List<String> ids = new ArrayList<>(List.of("lr", "svm", "gp", "bnn"));
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
                out.add(StudyDefinition.ALL);
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
