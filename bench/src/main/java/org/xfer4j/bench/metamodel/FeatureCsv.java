package org.xfer4j.bench.metamodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.feature.LayerBlock;

/** Reads a feature CSV with a header row, feature columns and an integer label in the last column. */
final class FeatureCsv {

    private FeatureCsv() {
    }

    /** The examples of {@code file}; classes are named by their integer labels 0..max. */
    static FeatureSet read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int n = lines.size() - 1;
        int d = lines.getFirst().split(",").length - 1;
        float[] values = new float[n * d];
        int[] labels = new int[n];
        TreeSet<Integer> seen = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            if (cells.length != d + 1) {
                throw new InvalidInputException(file + " line " + (i + 2) + " has " + cells.length + " cells, not "
                        + (d + 1));
            }
            for (int j = 0; j < d; j++) {
                values[i * d + j] = Float.parseFloat(cells[j]);
            }
            labels[i] = Integer.parseInt(cells[d].trim());
            seen.add(labels[i]);
        }
        List<String> classes = IntStream.rangeClosed(0, seen.last()).mapToObj(Integer::toString)
                .toList();
        return new FeatureSet(new FeatureMatrix(n, d, values, List.of(new LayerBlock("features", 0, d))), labels,
                classes);
    }
}
