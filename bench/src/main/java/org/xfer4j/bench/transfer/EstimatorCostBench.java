package org.xfer4j.bench.transfer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.xfer4j.api.Device;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.feature.LayerBlock;
import org.xfer4j.api.transfer.TransferTarget;
import org.xfer4j.transferability.estimators.HScore;
import org.xfer4j.transferability.estimators.LogMe;
import smile.linalg.UPLO;
import smile.tensor.DenseMatrix;

/**
 * Where an estimator's time goes: per feature shape of the transferability bench (n examples x d dimensions, 10
 * classes), the calling thread's CPU time of LogME and H-score beside the two LAPACK/BLAS calls they are built on,
 * the Gram matrix of the smaller side (n x n when n <= d) and its symmetric eigendecomposition with vectors, run
 * alternately in the same loop; medians over the rounds. Thread CPU time (OpenBLAS on one thread, so the library
 * runs on the calling thread) moves far less with other work on the machine than wall time.
 * Usage: EstimatorCostBench [rounds: 9]
 */
public final class EstimatorCostBench {

    private static final int[][] SHAPES = {{300, 64}, {300, 320}, {300, 768}, {300, 2048}, {60, 1280}, {200, 384}};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private EstimatorCostBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        ProviderContext context = new ProviderContext(Path.of("target"), Device.CPU, 1, 1, Progress.NONE);
        System.out.println("| n x d | LogME | H-score | Gram of the smaller side | its eigendecomposition (vectors) |");
        System.out.println("|---|---|---|---|---|");
        Random random = new Random(1);
        for (int[] shape : SHAPES) {
            int n = shape[0];
            int d = shape[1];
            TransferTarget target = target(n, d, random);
            double[][] rows = target.features().features().toDoubleRows();
            List<double[]> times = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                double[] t = new double[4];
                t[0] = cpuMillis(() -> new LogMe().estimate(target, context));
                t[1] = cpuMillis(() -> new HScore().estimate(target, context));
                DenseMatrix a = DenseMatrix.of(rows);
                DenseMatrix[] gram = new DenseMatrix[1];
                t[2] = cpuMillis(() -> gram[0] = n <= d ? a.aat() : a.ata());
                t[3] = cpuMillis(() -> gram[0].withUplo(UPLO.LOWER).eigen(false, true));
                times.add(t);
            }
            StringBuilder row = new StringBuilder(n + " x " + d + " |");
            for (int k = 0; k < 4; k++) {
                int col = k;
                double[] v = times.stream().skip(1).mapToDouble(t -> t[col]).sorted().toArray(); // first: warm-up
                row.append(String.format(Locale.ROOT, " %.1f ms |", v[v.length / 2]));
            }
            System.out.println("| " + row);
        }
    }

    /** n rows of d ReLU-like features whose class shifts a tenth of the columns. */
    private static TransferTarget target(int n, int d, Random random) {
        float[] v = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) Math.max(0, random.nextGaussian() + (j % 10 == y[i] ? 0.5 : 0));
            }
        }
        List<String> classes = IntStream.range(0, 10).mapToObj(c -> "class" + c).toList();
        return new TransferTarget(n + "x" + d, new FeatureSet(new FeatureMatrix(n, d, v,
                List.of(new LayerBlock("features", 0, d))), y, classes));
    }

    private static double cpuMillis(Runnable work) {
        long start = THREADS.getCurrentThreadCpuTime();
        work.run();
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
    }
}
