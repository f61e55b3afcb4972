package org.xfer4j.bench.metamodel;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;
import com.sun.management.OperatingSystemMXBean;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.repurpose.Predictions;

/**
 * The median wall and process-CPU time of repeated fits after warm-up fits (so the JIT has compiled the hot loops,
 * as NumPy's are compiled); CPU time stays comparable when other work shares the machine.
 *
 * @param model the last fitted model, as a function from features to predictions
 */
record Timing(Function<FeatureMatrix, Predictions> model, double wallSeconds, double cpuSeconds) {

    /** Warm-up fits run for at least this long (C2 compiles the hot loops after a few thousand calls). */
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private static final int MAX_WARM_UP_FITS = 20;

    /** Times {@code repeats} calls of {@code fit} after the warm-up. */
    static Timing of(Supplier<Function<FeatureMatrix, Predictions>> fit, int repeats) {
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        for (int w = 0; w < MAX_WARM_UP_FITS && (w == 0 || System.nanoTime() < warmUpEnd); w++) {
            fit.get();
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] seconds = new double[repeats];
        double[] cpuSeconds = new double[repeats];
        Function<FeatureMatrix, Predictions> model = null;
        for (int r = 0; r < repeats; r++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            model = fit.get();
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            cpuSeconds[r] = (os.getProcessCpuTime() - cpu0) / 1e9;
        }
        Arrays.sort(seconds);
        Arrays.sort(cpuSeconds);
        return new Timing(model, seconds[repeats / 2], cpuSeconds[repeats / 2]);
    }
}
