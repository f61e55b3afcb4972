package org.xfer4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.RepurposerProvider;
import org.xfer4j.cli.study.FewShotStudy;
import org.xfer4j.cli.study.StudyReport;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.split.Splits;
import org.xfer4j.data.text.SpamAssassin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The built-in default job: bge-small-en-v1.5 features of SpamAssassin subject lines, repurposed by every
 * meta-model method at 5, 10, 50 and all examples per class, evaluated on a held-out test split.
 */
@Command(name = "quickstart", description = "Few-shot spam detection from email subjects with a pretrained text "
        + "encoder: every method at 5, 10, 50 and all examples per class; writes an HTML report.")
final class QuickstartCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Option(names = "--model", description = "Text encoder (default ${DEFAULT-VALUE}).", defaultValue = "bge-small-en-v1.5")
    String model;

    @Option(names = "--methods", split = ",", description = "Methods (default: lr, svm, gp and every installed plugin method).")
    List<String> methods;

    @Option(names = "--shots", split = ",", defaultValue = "5,10,50,all",
            description = "Examples per class, or all (default ${DEFAULT-VALUE}).")
    List<String> shots;

    @Option(names = "--repeats", defaultValue = "5", description = "Draws per few-shot size (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--out", defaultValue = "reports/quickstart", description = "Report folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public void run() {
        ConsoleProgress progress = new ConsoleProgress();
        try (Xfer xfer = host.open(progress); SourceModel m = xfer.openModel(model)) {
            Dataset data = SpamAssassin.subjects(xfer.context().cacheDir());
            Splits.Split split = Splits.stratified(data.labels(), DataSpecs.TEST_FRACTION, DataSpecs.SPLIT_SEED);
            System.out.printf("%s: %d subject lines (%s), %d for training, %d held out for testing%n",
                    data.name(), data.size(), String.join("/", data.classes()), split.train().length, split.test().length);
            String layer = m.defaultFeatureLayer();
            FeatureMatrix features = xfer.extract(m, data, List.of(layer));
            FeatureSet all = new FeatureSet(features, data.labels(), data.classes());
            List<String> chosen = methods != null ? methods : defaultMethods(xfer);
            FewShotStudy.Plan plan = new FewShotStudy.Plan(chosen, parseShots(shots), repeats, host.seed());
            List<FewShotStudy.Run> runs = FewShotStudy.run(xfer, plan, all.select(split.train()),
                    all.select(split.test()), progress);
            String setup = String.format(Locale.ROOT, "Source model %s (layer %s, %d features, sha256 %s). Task: %s, "
                            + "classes %s; %d training and %d held-out test examples (stratified, seed %d). "
                            + "Few-shot sizes are drawn %d times with different seeds; means and standard deviations shown.",
                    m.name(), layer, features.columns(), m.sha256().substring(0, 12), data.name(), data.classes(),
                    split.train().length, split.test().length, DataSpecs.SPLIT_SEED, repeats);
            StudyReport report = new StudyReport("Xfer4j quickstart: few-shot spam detection from subject lines", setup,
                    runs, all.select(split.test()).labels(), data.classes());
            System.out.println();
            System.out.print(report.table());
            Path page = report.write(out);
            System.out.printf("%nreport: %s (with summary.csv, runs.csv, summary.json)%n", page.toAbsolutePath());
        }
    }

    /** The built-in meta-model methods, then every other feature method a plugin adds. */
    private static List<String> defaultMethods(Xfer xfer) {
        List<String> ids = new ArrayList<>(List.of("lr", "svm", "gp"));
        for (RepurposerProvider p : xfer.registry().repurposers()) {
            if (p instanceof org.xfer4j.api.repurpose.FeatureRepurposerProvider && !ids.contains(p.id())) {
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
                    throw new org.xfer4j.api.InvalidOptionException("--shots takes whole numbers or 'all', got '" + v + "'");
                }
            }
        }
        return out;
    }
}
