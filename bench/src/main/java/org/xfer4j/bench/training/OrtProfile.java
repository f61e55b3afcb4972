package org.xfer4j.bench.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.xfer4j.data.json.JsLiteral;

/**
 * ONNX Runtime's profile of a session (Chrome trace JSON) reduced to kernel time per run: each node's time is
 * attributed to the run it falls in, the first {@code skip} runs (warm-up) are dropped, and the rest averaged (or
 * their median taken).
 *
 * @param nodes  per node name, its operator and mean microseconds per run
 * @param runs   the runs averaged
 * @param runUs  mean (or median) wall microseconds of one run, as the profiler timed it
 */
record OrtProfile(Map<String, Node> nodes, int runs, double runUs) {

    /** One node: its operator type and mean (or median) kernel microseconds per run. */
    record Node(String op, double us) {
    }

    /** Reads {@code file}, dropping the first {@code skip} runs; each node's time is its mean over the rest. */
    static OrtProfile read(Path file, int skip) throws IOException {
        return read(file, skip, false);
    }

    /**
     * Reads {@code file}, dropping the first {@code skip} runs; each node's time is its median over the rest (on a
     * shared machine a run the scheduler interrupts inflates the mean of every node it was in).
     */
    static OrtProfile readMedians(Path file, int skip) throws IOException {
        return read(file, skip, true);
    }

    @SuppressWarnings("unchecked")
    private static OrtProfile read(Path file, int skip, boolean median) throws IOException {
        List<Map<String, Object>> events = (List<Map<String, Object>>) JsLiteral.parse(Files.readString(file),
                file.toString());
        List<double[]> runs = new ArrayList<>();
        for (Map<String, Object> e : events) {
            if ("model_run".equals(e.get("name"))) {
                double ts = (Double) e.get("ts");
                runs.add(new double[] {ts, ts + (Double) e.get("dur")});
            }
        }
        runs.sort(Comparator.comparingDouble(r -> r[0]));
        List<double[]> kept = runs.subList(Math.min(skip, runs.size()), runs.size());
        if (kept.isEmpty()) {
            throw new IllegalStateException(file + " holds " + runs.size() + " runs; none is left after " + skip);
        }
        Map<String, String> ops = new LinkedHashMap<>();
        Map<String, double[]> perRun = new LinkedHashMap<>();
        for (Map<String, Object> e : events) {
            String name = (String) e.get("name");
            if (!"Node".equals(e.get("cat")) || name == null || !name.endsWith("_kernel_time")) {
                continue;
            }
            double ts = (Double) e.get("ts");
            int run = -1;
            for (int r = 0; r < kept.size() && run < 0; r++) {
                run = ts >= kept.get(r)[0] && ts <= kept.get(r)[1] ? r : -1;
            }
            if (run < 0) {
                continue;
            }
            String node = name.substring(0, name.length() - "_kernel_time".length());
            ops.put(node, (String) ((Map<String, Object>) e.get("args")).get("op_name"));
            perRun.computeIfAbsent(node, n -> new double[kept.size()])[run] += (Double) e.get("dur");
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        perRun.forEach((n, us) -> nodes.put(n, new Node(ops.get(n), median ? median(us)
                : java.util.Arrays.stream(us).average().orElseThrow())));
        double[] runUs = kept.stream().mapToDouble(r -> r[1] - r[0]).toArray();
        return new OrtProfile(nodes, kept.size(), median ? median(runUs)
                : java.util.Arrays.stream(runUs).average().orElseThrow());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The newest profile file ONNX Runtime wrote for {@code prefix} ({@code <prefix>_<date>.json}). */
    static Path newest(Path prefix) throws IOException {
        try (var files = Files.list(prefix.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix.getFileName() + "_")
                    && f.toString().endsWith(".json")).max(Comparator.comparing(f -> f.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("no profile written for " + prefix));
        }
    }

    /** Summed kernel microseconds per run, by the key {@code by} gives each node. */
    Map<String, Double> sum(Function<Map.Entry<String, Node>, String> by) {
        Map<String, Double> out = new TreeMap<>();
        nodes.entrySet().forEach(e -> out.merge(by.apply(e), e.getValue().us(), Double::sum));
        return out;
    }

    /** Nodes per key. */
    Map<String, Integer> count(Function<Map.Entry<String, Node>, String> by) {
        Map<String, Integer> out = new TreeMap<>();
        nodes.entrySet().forEach(e -> out.merge(by.apply(e), 1, Integer::sum));
        return out;
    }

    /** Kernel microseconds per run, all nodes. */
    double kernelUs() {
        return nodes.values().stream().mapToDouble(Node::us).sum();
    }
}
