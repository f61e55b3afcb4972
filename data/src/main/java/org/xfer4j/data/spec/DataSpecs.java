package org.xfer4j.data.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.data.glyph.GlyphOptions;
import org.xfer4j.data.glyph.GlyphSet;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.data.image.ImageFolderDataset;
import org.xfer4j.data.image.Mnist;
import org.xfer4j.data.image.MnistAndFashion;
import org.xfer4j.data.split.Splits;
import org.xfer4j.data.text.SpamAssassin;
import org.xfer4j.data.text.TextTables;

/**
 * Turns a data argument into a dataset: a built-in name with an optional split ("spam-subjects:train",
 * "fashion-mnist:test", "mnist+fashion", "glyphs:samples=10"), a .csv / .jsonl file of text and label, or a folder of
 * images with one sub-folder per class.
 */
public final class DataSpecs {

    /** Share of a built-in dataset held out as its test split. */
    public static final double TEST_FRACTION = 0.3;
    /** Seed of built-in splits, fixed so train and test never overlap across commands. */
    public static final long SPLIT_SEED = 42;

    /** What a data argument may be, for help texts and errors. */
    public static final String HELP = "spam-subjects[:train|:test], fashion-mnist:train|:test, mnist, mnist+fashion (20 classes "
            + "for few-shot episodes), glyphs[:key=value,...] (Omniglot-like: each character of 50 alphabets a class; options "
            + "scripts=all|background|evaluation|NAME+NAME..., size=28, samples=20, seed=1, distortion=1, "
            + "fonts=/usr/share/fonts/truetype), a .csv/.jsonl file of text,label, or an image folder with one sub-folder per class";

    private DataSpecs() {
    }

    /**
     * Checks {@code spec} without reading any data: a file must exist, a name must be a built-in one with a known split.
     *
     * @throws InvalidInputException naming the spec and saying what is accepted
     */
    public static void validate(String spec) {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".jsonl")) {
            if (!Files.isRegularFile(Path.of(spec))) {
                throw new InvalidInputException("data file " + spec + " does not exist");
            }
            return;
        }
        if (Files.isDirectory(Path.of(spec))) {
            return;
        }
        if (isGlyphs(spec)) {
            glyphOptions(spec);
            return;
        }
        int colon = spec.lastIndexOf(':');
        String name = colon > 0 ? spec.substring(0, colon) : spec;
        String split = colon > 0 ? spec.substring(colon + 1) : null;
        boolean known = switch (name) {
            case "fashion-mnist" -> "train".equals(split) || "test".equals(split);
            case "spam-subjects", "mnist", MnistAndFashion.NAME -> split == null || "train".equals(split)
                    || "test".equals(split);
            default -> false;
        };
        if (!known) {
            throw new InvalidInputException("unknown dataset '" + spec + "'; use " + HELP);
        }
    }

    /**
     * The dataset {@code spec} names; built-in datasets are fetched into {@code cacheDir} on first use.
     *
     * @throws InvalidInputException naming the spec when it is unknown or its file is missing
     */
    public static Dataset resolve(String spec, Path cacheDir) {
        return resolve(spec, cacheDir, Progress.NONE);
    }

    /**
     * The dataset {@code spec} names; built-in datasets are fetched (or, for glyphs, drawn) into {@code cacheDir} on
     * first use, reporting to {@code progress}.
     *
     * @throws InvalidInputException naming the spec when it is unknown or its file is missing
     */
    public static Dataset resolve(String spec, Path cacheDir, Progress progress) {
        if (isGlyphs(spec)) {
            return GlyphSet.open(glyphOptions(spec), cacheDir, progress);
        }
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".jsonl")) {
            Path file = Path.of(spec);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("data file " + file + " does not exist");
            }
            return TextTables.read(file);
        }
        if (Files.isDirectory(Path.of(spec))) {
            return ImageFolderDataset.open(Path.of(spec));
        }
        String name = spec;
        String split = null;
        int colon = spec.lastIndexOf(':');
        if (colon > 0) {
            name = spec.substring(0, colon);
            split = spec.substring(colon + 1);
        }
        if (name.equals("fashion-mnist")) {
            // Fashion-MNIST ships its own 60k/10k split; a random one would mix the two.
            return switch (split == null ? "" : split) {
                case "train" -> FashionMnist.train(cacheDir);
                case "test" -> FashionMnist.test(cacheDir);
                default -> throw new InvalidInputException("fashion-mnist needs a split: fashion-mnist:train or "
                        + "fashion-mnist:test");
            };
        }
        Dataset all = switch (name) {
            case "spam-subjects" -> SpamAssassin.subjects(cacheDir);
            case "mnist" -> Mnist.digits(cacheDir);
            case MnistAndFashion.NAME -> MnistAndFashion.open(cacheDir);
            default -> throw new InvalidInputException("unknown dataset '" + spec + "'; use " + HELP);
        };
        if (split == null) {
            return all;
        }
        Splits.Split s = Splits.stratified(all.labels(), TEST_FRACTION, SPLIT_SEED);
        return switch (split) {
            case "train" -> all.subset(s.train());
            case "test" -> all.subset(s.test());
            default -> throw new InvalidInputException("unknown split '" + split + "' of " + name + "; use train or test");
        };
    }

    private static boolean isGlyphs(String spec) {
        return spec.equals(GlyphOptions.NAME) || spec.startsWith(GlyphOptions.NAME + ":");
    }

    private static GlyphOptions glyphOptions(String spec) {
        return GlyphOptions.parse(spec.substring(GlyphOptions.NAME.length()).replaceFirst("^:", ""));
    }
}
