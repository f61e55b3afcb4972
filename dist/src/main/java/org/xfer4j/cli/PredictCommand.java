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
import org.xfer4j.data.io.TextFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Predicts with a saved artifact; writes labels and probabilities and, for labelled data, prints metrics. */
@Command(name = "predict", description = "Predict with a saved artifact.")
final class PredictCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Option(names = "--artifact", required = true, description = "A file saved by `xfer4j repurpose`.")
    Path artifact;

    @Option(names = "--data", required = true, description = "Data: " + DataSpecs.HELP + ".")
    String data;

    @Option(names = "--out", description = "CSV of predicted label and class probabilities.")
    Path out;

    @Override
    public void run() {
        ConsoleProgress progress = new ConsoleProgress();
        try (Xfer xfer = host.open(progress); RepurposedModel model = xfer.load(artifact)) {
            Dataset d = DataSpecs.resolve(data, xfer.context().cacheDir());
            Predictions p = model.predict(d, progress);
            if (out != null) {
                write(p, out);
                System.out.printf("wrote %d predictions to %s%n", p.size(), out);
            }
            int[] y = d.labels();
            if (y.length > 0 && y[0] >= 0) {
                Evaluation e = Metrics.evaluate(p, y);
                System.out.printf("%d examples: accuracy %.4f  macro-F1 %.4f  NLL %.4f  ECE %.4f  Brier %.4f%n",
                        p.size(), e.accuracy(), e.macroF1(), e.nll(), e.ece(), e.brier());
            }
        }
    }

    private static void write(Predictions p, Path out) {
        try {
            TextFiles.write(out, w -> {
                w.write("predicted," + String.join(",", p.classes()));
                w.newLine();
                int[] labels = p.labels();
                for (int i = 0; i < p.size(); i++) {
                    StringBuilder row = new StringBuilder(p.classes().get(labels[i]));
                    for (double v : p.probabilities()[i]) {
                        row.append(',').append(v);
                    }
                    w.write(row.toString());
                    w.newLine();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }
}
