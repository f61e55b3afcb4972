package org.xfer4j.repurposers.metamodel.testdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.feature.LayerBlock;

/**
 * The real datasets of Debian's python3-sklearn package (iris, wine, breast cancer, 8x8 digits) as feature sets,
 * and seeded stratified train/test splits of them.
 */
public final class SklearnData {

    /** Where python3-sklearn installs its bundled CSV files (xfer4j.sh installs the package). */
    public static final Path DIR = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data");

    /** A training and a test set. */
    public record Split(FeatureSet train, FeatureSet test) {
    }

    private SklearnData() {
    }

    /** Iris: 150 x 4, 3 classes. */
    public static FeatureSet iris() {
        return withHeader("iris.csv");
    }

    /** Wine: 178 x 13, 3 classes. */
    public static FeatureSet wine() {
        return withHeader("wine_data.csv");
    }

    /** Breast cancer (Wisconsin diagnostic): 569 x 30, 2 classes. */
    public static FeatureSet breastCancer() {
        return withHeader("breast_cancer.csv");
    }

    /** Optical digits: 1797 x 64 pixel counts, 10 classes. */
    public static FeatureSet digits() {
        List<String> lines = read("digits.csv.gz");
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            classes.add(Integer.toString(c));
        }
        return parse(lines, classes);
    }

    /** A stratified split: {@code testFraction} of each class (shuffled with {@code seed}) goes to the test set. */
    public static Split split(FeatureSet data, double testFraction, long seed) {
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < data.classes().size(); c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (data.labels()[i] == c) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            int nTest = (int) Math.round(members.size() * testFraction);
            test.addAll(members.subList(0, nTest));
            train.addAll(members.subList(nTest, members.size()));
        }
        return new Split(data.select(sorted(train)), data.select(sorted(test)));
    }

    private static int[] sorted(List<Integer> indices) {
        int[] a = indices.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** Files whose first line is "rows,columns,class names..." and whose rows end with the class index. */
    private static FeatureSet withHeader(String file) {
        List<String> lines = read(file);
        String[] header = lines.getFirst().split(",");
        return parse(lines.subList(1, lines.size()), Arrays.asList(header).subList(2, header.length));
    }

    private static FeatureSet parse(List<String> rows, List<String> classes) {
        int n = rows.size();
        int d = rows.getFirst().split(",").length - 1;
        float[] values = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            String[] cells = rows.get(i).split(",");
            for (int j = 0; j < d; j++) {
                values[i * d + j] = Float.parseFloat(cells[j]);
            }
            labels[i] = (int) Double.parseDouble(cells[d]);
        }
        return new FeatureSet(new FeatureMatrix(n, d, values,
                List.of(new LayerBlock("features", 0, d))), labels, classes);
    }

    private static List<String> read(String file) {
        Path path = DIR.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: install Debian's python3-sklearn (xfer4j.sh does)");
        }
        try (InputStream raw = Files.newInputStream(path);
                InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
