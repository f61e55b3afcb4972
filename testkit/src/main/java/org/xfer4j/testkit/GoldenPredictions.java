package org.xfer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Probabilities recorded beside a golden artifact (one CSV row per example, full double precision) and the check
 * that a model loaded from that artifact still predicts them.
 */
public final class GoldenPredictions {

    private GoldenPredictions() {
    }

    /**
     * The golden test resource {@code name} found at {@code url} (the caller's {@code getResource}, which a named module
     * must call itself), as a file.
     */
    public static Path file(java.net.URL url, String name) {
        if (url == null) {
            throw new IllegalStateException("golden file " + name + " is missing from the test resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("golden file " + name + " has no file path: " + url, e);
        }
    }

    /** Writes {@code probabilities} to {@code file}. */
    public static void write(Path file, double[][] probabilities) {
        List<String> lines = new ArrayList<>();
        for (double[] row : probabilities) {
            StringBuilder b = new StringBuilder();
            for (double v : row) {
                b.append(b.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.17g", v));
            }
            lines.add(b.toString());
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Asserts that {@code probabilities} equal those recorded in {@code file}, each within {@code tolerance}. */
    public static void assertSame(Path file, double[][] probabilities, double tolerance) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        assertThat(probabilities.length).as("rows of %s", file.getFileName()).isEqualTo(lines.size());
        for (int i = 0; i < probabilities.length; i++) {
            double[] expected = Arrays.stream(lines.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
            assertThat(probabilities[i]).as("%s, row %d", file.getFileName(), i)
                    .containsExactly(expected, within(tolerance));
        }
    }
}
