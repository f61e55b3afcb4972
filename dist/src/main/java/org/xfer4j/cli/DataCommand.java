package org.xfer4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.glyph.GlyphDataset;
import org.xfer4j.data.image.SampleSheet;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.data.split.ClassGroups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Fetches or draws a built-in dataset into the cache (the glyph set is drawn here, with progress, rather than at the
 * first meta-train) and says what it holds; optionally pictures some of its images.
 */
@Command(name = "data", description = "Fetch or draw a dataset into the cache and describe it, such as: data glyphs "
        + "--sheet glyphs.png")
final class DataCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Parameters(index = "0", description = "The dataset: " + DataSpecs.HELP + ".")
    String spec;

    @Option(names = "--sheet", description = "Write a PNG of images: one row per class (for glyphs, a class of "
            + "each alphabet), --per-class images each.")
    Path sheet;

    @Option(names = "--per-class", defaultValue = "12", description = "Images per row of the sheet (default "
            + "${DEFAULT-VALUE}).")
    int perClass;

    @Override
    public void run() {
        DataSpecs.validate(spec); // a misspelt name or option fails before any work
        ConsoleProgress progress = new ConsoleProgress();
        try (Xfer xfer = host.open(progress)) {
            Dataset data = DataSpecs.resolve(spec, xfer.context().cacheDir(), progress);
            progress.finish();
            System.out.printf("%s: %d examples of %d classes%n", data.name(), data.size(), data.classes().size());
            if (data instanceof ClassGroups g) {
                Map<String, Integer> perGroup = new LinkedHashMap<>();
                for (int c = 0; c < data.classes().size(); c++) {
                    perGroup.merge(g.group(c), 1, Integer::sum);
                }
                System.out.printf("%d alphabets, classes in each: %s%nevaluation alphabets (held out from "
                        + "meta-training by --split alphabets): %s%n", perGroup.size(), perGroup,
                        g.evaluationGroups());
            }
            if (data instanceof GlyphDataset glyphs) {
                System.out.println("cached in " + glyphs.folder() + " (manifest.txt: options, fonts and SHA-256s)");
            }
            if (sheet != null) { // one class of each alphabet, or the first 20 classes
                System.out.println("sample sheet " + SampleSheet.write(data, SampleSheet.rows(data,
                        java.util.stream.IntStream.range(0, data.classes().size()).boxed().toList(),
                        data instanceof ClassGroups ? data.classes().size() : 20), perClass, 2, sheet));
            }
        }
    }
}
