package org.xfer4j.bench.metamodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.repurposers.metamodel.lr.LrProvider;
import org.xfer4j.repurposers.metamodel.svm.SvmProvider;
import smile.classification.Classifier;
import smile.classification.LogisticRegression;
import smile.classification.OneVersusOne;
import smile.classification.PlattScaling;
import smile.classification.SVM;
import smile.math.kernel.GaussianKernel;

/**
 * Smile 6.3's own estimators beside Xfer4j's on the same splits (the OUT/NAME.train.csv and .test.csv that
 * run-metamodel.sh prepares), with the same settings: standardised features; logistic regression with the L2
 * penalty |w|^2 / 2 on the summed log loss (Smile lambda = 1, our C = 1); SVM with C = 1, Smile's
 * {@code OneVersusOne} with Platt scaling around its binary {@code SVM}, or {@code PlattScaling} on the binary SVM for
 * two classes (linear, or Gaussian kernel with
 * gamma = 1 / features, our default). Prints accuracy, NLL, ECE and median fit time of both, and whether Smile's meets
 * the bar for replacing ours: accuracy no more than 0.5 points lower, NLL at most 2 % higher, fit time at most 1.2x. Smile has no GP
 * classifier (only GP regression), so gp has no row.
 * Usage: SmileSideBySide OUT [repeats]
 */
public final class SmileSideBySide {

    private record Pair(String id, FeatureRepurposerProvider ours, Map<String, String> options,
            Function<FeatureSet, Function<FeatureMatrix, Predictions>> smile) {
    }

    private SmileSideBySide() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> trainFiles;
        try (Stream<Path> files = Files.list(out)) {
            trainFiles = files.filter(p -> p.getFileName().toString().endsWith(".train.csv")).sorted().toList();
        }
        System.out.println("| dataset | method | n train | accuracy Xfer4j | accuracy Smile | NLL Xfer4j | NLL Smile | "
                + "ECE Xfer4j | ECE Smile | fit Xfer4j (s) | fit Smile (s) | Smile / Xfer4j time | Smile meets the bar |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Path trainFile : trainFiles) {
            String name = trainFile.getFileName().toString().replace(".train.csv", "");
            FeatureSet train = FeatureCsv.read(trainFile);
            FeatureSet test = FeatureCsv.read(out.resolve(name + ".test.csv"));
            for (Pair p : pairs(train.features().columns())) {
                Timing ours = Timing.of(() -> p.ours().fit(train, p.ours().parseOptions(p.options()),
                        ProviderContext.defaults())::predict, repeats);
                Timing smile = Timing.of(() -> p.smile().apply(train), repeats);
                Evaluation a = Metrics.evaluate(ours.model().apply(test.features()), test.labels());
                Evaluation b = Metrics.evaluate(smile.model().apply(test.features()), test.labels());
                double ratio = smile.wallSeconds() / ours.wallSeconds();
                // the bar: no worse than ours by more than 0.5 accuracy points or 2 % NLL, at most 1.2x the time
                boolean bar = b.accuracy() >= a.accuracy() - 0.005 && b.nll() <= 1.02 * a.nll() && ratio <= 1.2;
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.4f | %.4f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f "
                                + "| %.2f | %s |%n", name, p.id(), train.size(), a.accuracy(), b.accuracy(), a.nll(),
                        b.nll(), a.ece(), b.ece(), ours.wallSeconds(), smile.wallSeconds(), ratio, bar ? "yes" : "no");
            }
        }
    }

    private static List<Pair> pairs(int features) {
        LrProvider lr = new LrProvider();
        SvmProvider svm = new SvmProvider();
        SVM.Options c1 = new SVM.Options(1.0);
        // Smile's Gaussian kernel is exp(-|x - z|^2 / (2 sigma^2)): gamma = 1 / features means sigma^2 = features / 2
        GaussianKernel rbf = new GaussianKernel(Math.sqrt(features / 2.0));
        return List.of(
                new Pair("lr", lr, Map.of("C", "1"), train -> smile(train, (x, y) -> LogisticRegression.fit(x, y,
                        new LogisticRegression.Options(1.0, 1e-5, 500)))),
                new Pair("svm-linear", svm, Map.of("kernel", "linear", "C", "1"), train -> smile(train,
                        (x, y) -> svm(x, y, (xs, ys) -> SVM.fit(xs, ys, c1)))),
                new Pair("svm-rbf", svm, Map.of("kernel", "rbf", "C", "1", "gamma", "scale"), train -> smile(train,
                        (x, y) -> svm(x, y, (xs, ys) -> SVM.fit(xs, ys, rbf, c1)))));
    }

    /**
     * Smile's multi-class wrapper {@code OneVersusOne} (which fits Platt scaling per pair); it refuses two classes,
     * where the binary SVM (labels -1 and +1) gets Smile's {@code PlattScaling} on its training scores.
     */
    private static Classifier<double[]> svm(double[][] x, int[] y,
            java.util.function.BiFunction<double[][], int[], Classifier<double[]>> binary) {
        if (java.util.Arrays.stream(y).max().orElse(0) > 1) {
            return OneVersusOne.fit(x, y, binary);
        }
        int[] signed = java.util.Arrays.stream(y).map(v -> v == 1 ? 1 : -1).toArray();
        Classifier<double[]> model = binary.apply(x, signed);
        PlattScaling platt = PlattScaling.fit(model, x, signed);
        return new Classifier<>() {
            @Override
            public int numClasses() {
                return 2;
            }

            @Override
            public int[] classes() {
                return new int[] {0, 1};
            }

            @Override
            public int predict(double[] row) {
                return model.score(row) > 0 ? 1 : 0;
            }

            @Override
            public boolean isSoft() {
                return true;
            }

            @Override
            public int predict(double[] row, double[] posteriori) {
                posteriori[1] = platt.scale(model.score(row));
                posteriori[0] = 1 - posteriori[1];
                return posteriori[1] > 0.5 ? 1 : 0;
            }
        };
    }

    /** Fits a Smile classifier on standardised training features; the model standardises alike and predicts. */
    private static Function<FeatureMatrix, Predictions> smile(FeatureSet train,
            java.util.function.BiFunction<double[][], int[], Classifier<double[]>> fit) {
        double[][] x = rows(train.features());
        int d = train.features().columns();
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / x.length;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = scale[j] > 0 ? Math.sqrt(scale[j]) : 1;
        }
        Function<double[][], double[][]> standardise = rows -> {
            for (double[] row : rows) {
                for (int j = 0; j < d; j++) {
                    row[j] = (row[j] - mean[j]) / scale[j];
                }
            }
            return rows;
        };
        Classifier<double[]> model = fit.apply(standardise.apply(x), train.labels());
        List<String> classes = train.classes();
        Supplier<double[]> buffer = () -> new double[classes.size()];
        return features -> {
            double[][] test = standardise.apply(rows(features));
            double[][] p = new double[test.length][];
            for (int i = 0; i < test.length; i++) {
                p[i] = buffer.get();
                model.predict(test[i], p[i]);
            }
            return new Predictions(classes, p);
        };
    }

    private static double[][] rows(FeatureMatrix m) {
        double[][] out = new double[m.rows()][m.columns()];
        float[] v = m.values();
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = v[i * m.columns() + j];
            }
        }
        return out;
    }
}
