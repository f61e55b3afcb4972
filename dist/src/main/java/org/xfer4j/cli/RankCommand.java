package org.xfer4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.transferability.rank.CandidateScore;
import org.xfer4j.transferability.rank.Ranking;
import org.xfer4j.transferability.rank.RankingReport;
import org.xfer4j.transferability.rank.RankingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Ranks (model, layer) candidates for labelled data by transferability estimates, before any training: prints the
 * table best first and writes ranking.csv, ranking.json and index.html.
 */
@Command(name = "rank", description = "Rank (model, layer) candidates for labelled data by transferability "
        + "estimates, before training: a table best first, and CSV, JSON and an HTML report.")
final class RankCommand implements Runnable {

    /** Models ranked when --models is not given, by the kind of data. */
    static final List<String> TEXT_MODELS = List.of("bge-small-en-v1.5", "all-minilm-l6-v2");
    static final List<String> IMAGE_MODELS = List.of("mobilenet-v2", "inception-v3");

    @Mixin
    HostOptions host;

    /** Applies to the .onnx files among --models; zoo and pack models decide their own preprocessing. */
    @Mixin
    PreprocessOptions preprocessing;

    @Option(names = "--data", required = true, description = "Labelled data: " + DataSpecs.HELP + ".")
    String data;

    @Option(names = "--models", split = ",", description = "Models to rank (default: " + "bge-small-en-v1.5,"
            + "all-minilm-l6-v2 for text, mobilenet-v2,inception-v3 for images); --preprocess declares how the .onnx "
            + "files among them prepare their inputs.")
    List<String> models;

    @Option(names = "--layers", split = ",", defaultValue = "auto", description = "auto (a spread of block outputs "
            + "of each model, its feature layer and its head's hidden layers) or layer names (default auto).")
    List<String> layers;

    @Option(names = "--estimators", split = ",", defaultValue = "logme,hscore,leep,nce", description = "Estimators "
            + "(default logme,hscore,leep,nce; lr cross-validates lr with C=1, three fits per candidate; "
            + "`xfer4j plugins` lists all).")
    List<String> estimators;

    @Option(names = "--out", defaultValue = "rank-report", description = "Folder for ranking.csv, ranking.json and "
            + "index.html (default rank-report).")
    Path out;

    @Override
    public void run() {
        ConsoleProgress progress = new ConsoleProgress();
        try (Xfer xfer = host.open(progress)) {
            Ranking ranking = new Ranking(xfer, Ranking.estimators(xfer, estimators), progress);
            Dataset d = DataSpecs.resolve(data, xfer.context().cacheDir());
            boolean auto = layers.size() == 1 && layers.getFirst().equals("auto");
            if (!auto && layers.contains("auto")) {
                throw new InvalidOptionException("--layers takes auto or layer names, not both: " + layers);
            }
            RankingResult r = ranking.run(d, models != null ? models : defaultModels(d), auto ? List.of() : layers,
                    preprocessing.declared());
            RankingReport report = new RankingReport(r);
            report.lines().forEach(System.out::println);
            System.out.println("wrote " + report.write(out) + " with ranking.csv and ranking.json");
            if (r.scores().stream().noneMatch(CandidateScore::ok)) {
                throw new InvalidInputException("no estimator could score any candidate of " + d.name() + ": "
                        + r.scores().getFirst().problem());
            }
        }
    }

    private static List<String> defaultModels(Dataset d) {
        if (d.size() == 0) {
            throw new InvalidOptionException("the data " + d.name() + " is empty");
        }
        return switch (d.sample(0)) {
            case Sample.Text t -> TEXT_MODELS;
            case Sample.Image i -> IMAGE_MODELS;
            case Sample.Tensors t -> throw new InvalidOptionException("the data " + d.name() + " holds tensors, not "
                    + "texts or images: name the models to rank with --models");
        };
    }
}
