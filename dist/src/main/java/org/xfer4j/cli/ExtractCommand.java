package org.xfer4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.LayerBlock;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.io.Csv;
import org.xfer4j.data.io.TextFiles;
import org.xfer4j.data.spec.DataSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Extracts features of named layers to a CSV file (which example, then one column per feature). */
@Command(name = "extract", description = "Extract features of named layers of a model to a CSV file.")
final class ExtractCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Mixin
    PreprocessOptions preprocessing;

    @Option(names = "--model", required = true, description = "Model name or .onnx path.")
    String model;

    @Option(names = "--layers", split = ",", description = "Layers to extract (default: the model's feature layer).")
    List<String> layers;

    @Option(names = "--data", required = true, description = "Data: " + DataSpecs.HELP + ".")
    String data;

    @Option(names = "--out", required = true, description = "CSV file to write.")
    Path out;

    @Override
    public void run() {
        try (Xfer xfer = host.open(new ConsoleProgress()); SourceModel m = preprocessing.open(xfer, model)) {
            Dataset d = DataSpecs.resolve(data, xfer.context().cacheDir());
            List<String> l = layers == null || layers.isEmpty() ? List.of(m.defaultFeatureLayer()) : layers;
            FeatureMatrix f = xfer.extract(m, d, l);
            write(f, d, out);
            if (!out.toString().equals(TextFiles.STDOUT)) { // with --out -, standard output holds only the CSV
                System.out.printf("wrote %d x %d features of %s to %s%n", f.rows(), f.columns(), l, out);
            }
        }
    }

    /** Writes the example's id, text or file and label, then its features; the header names each layer:index. Atomic. */
    static void write(FeatureMatrix f, Dataset d, Path out) {
        ExampleColumns examples = new ExampleColumns(d);
        try {
            Csv.write(out, w -> {
                examples.header(w);
                for (LayerBlock b : f.blocks()) {
                    for (int c = 0; c < b.width(); c++) {
                        w.text(b.layer() + ":" + c);
                    }
                }
                w.end();
                for (int r = 0; r < f.rows(); r++) {
                    examples.row(w, r);
                    for (int c = 0; c < f.columns(); c++) {
                        w.number(f.get(r, c));
                    }
                    w.end();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }
}
