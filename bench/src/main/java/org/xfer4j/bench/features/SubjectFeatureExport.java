package org.xfer4j.bench.features;

import java.io.IOException;
import java.nio.file.Path;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.data.io.Csv;
import org.xfer4j.data.split.Splits;
import org.xfer4j.data.text.SpamAssassin;

/**
 * Writes the bge-small-en-v1.5 features (384 columns, [CLS] pooling) of every SpamAssassin subject to CSV with its
 * label and split: {@code index,label,split,f0..f383}; split is the command line's stratified 70/30 split, seed 42.
 * Usage: {@code bench/run.sh org.xfer4j.bench.features.SubjectFeatureExport [out.csv]}.
 */
public final class SubjectFeatureExport {

    /** Share and seed of the held-out split, as {@code xfer4j ... spam-subjects:test} uses them. */
    static final double TEST_FRACTION = 0.3;
    static final long SPLIT_SEED = 42;

    private SubjectFeatureExport() {
    }

    /** Entry point; the optional argument is the output file (default bench/target/bge-spam-subjects.csv). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/target/bge-spam-subjects.csv");
        Dataset data = SpamAssassin.subjects(SubjectFeatures.context().cacheDir());
        FeatureMatrix f;
        try (SourceModel bge = SubjectFeatures.openBge()) {
            f = SubjectFeatures.extract(bge, data);
        }
        boolean[] test = new boolean[data.size()];
        for (int i : Splits.stratified(data.labels(), TEST_FRACTION, SPLIT_SEED).test()) {
            test[i] = true;
        }
        Csv.write(out, w -> {
            w.text("index").text("label").text("split");
            for (int c = 0; c < f.columns(); c++) {
                w.text("f" + c);
            }
            w.end();
            for (int r = 0; r < f.rows(); r++) {
                w.number(r).text(data.classes().get(data.label(r))).text(test[r] ? "test" : "train");
                for (int c = 0; c < f.columns(); c++) {
                    w.number(f.get(r, c));
                }
                w.end();
            }
        });
        System.out.printf("wrote %d x %d features of %s to %s%n", f.rows(), f.columns(), data.name(), out);
    }
}
