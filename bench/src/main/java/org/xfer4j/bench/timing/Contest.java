package org.xfer4j.bench.timing;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contestants timed side by side: every round runs each once, the order rotating from round to round, and records
 * wall seconds and this process's CPU seconds (all its threads, ONNX Runtime's native ones included). On a machine
 * shared with other work the wall time of a round swings with the load; the CPU time a contestant spends on the
 * same work swings much less, so both are kept.
 */
public final class Contest {

    /** One contestant's work for a round; returns the seconds to count, or NaN to count the wall time it took. */
    @FunctionalInterface
    public interface Work {
        double run() throws Exception;
    }

    /** The rounds of one contestant: wall and CPU seconds (CPU NaN where the work ran in another process). */
    public record Result(String name, double[] wall, double[] cpu) {

        /** Median wall seconds over the rounds. */
        public double wallMedian() {
            return median(wall);
        }

        /** Fewest wall seconds of any round: the least disturbed one. */
        public double wallBest() {
            return Arrays.stream(wall).min().orElseThrow();
        }

        /** Median CPU seconds over the rounds. */
        public double cpuMedian() {
            return median(cpu);
        }

        /** The rounds' wall seconds, rounded to 0.01, for printing. */
        public String rounds() {
            return Arrays.toString(Arrays.stream(wall).map(v -> Math.round(v * 100) / 100.0).toArray());
        }
    }

    private final Map<String, Work> works = new LinkedHashMap<>();
    private final List<String> inOtherProcess = new ArrayList<>();

    /** Adds a contestant whose work runs in this process. */
    public Contest add(String name, Work work) {
        works.put(name, work);
        return this;
    }

    /** Adds a contestant whose work runs in a child process (its CPU time is not this process's). */
    public Contest addExternal(String name, Work work) {
        inOtherProcess.add(name);
        return add(name, work);
    }

    /** Runs {@code rounds} rounds; the results in the order the contestants were added. */
    public Map<String, Result> run(int rounds) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> names = List.copyOf(works.keySet());
        Map<String, Result> results = new LinkedHashMap<>();
        names.forEach(n -> results.put(n, new Result(n, new double[rounds], new double[rounds])));
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((k + r) % names.size());
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                double counted = works.get(name).run();
                double wall = (System.nanoTime() - t0) / 1e9;
                results.get(name).wall()[r] = Double.isNaN(counted) ? wall : counted;
                results.get(name).cpu()[r] = inOtherProcess.contains(name) ? Double.NaN
                        : (os.getProcessCpuTime() - cpu0) / 1e9;
            }
        }
        return results;
    }

    /** The median of {@code v} (the upper one for an even count). */
    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** The load averages of the machine (1, 5 and 15 minutes), as /proc/loadavg gives them. */
    public static String load() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
