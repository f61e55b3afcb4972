package org.xfer4j.bench.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.bench.meta.BenchArgs;
import org.xfer4j.bench.meta.CnnEpisodes;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.meta.MetaLearners;
import org.xfer4j.meta.tasks.Episodes;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * Where a meta-step's time goes on the few-shot CNN, by ONNX Runtime's own profiler: EpisodeMetaBench's work
 * ({@code cnn:1x28:4x32:5}, 5-way 1-shot, 5 queries, 4 tasks per step, 5 inner SGD steps) meta-trained with
 * profiling on, then each method's unrolled inner-loop session read back: kernel time per meta-step by part of the
 * graph (inner steps' forward and backward, the query passes, the second differentiation) and by operator, each node
 * at its median over the runs (the machine is shared: an interrupted run would inflate means). Prints markdown tables.
 * Usage: {@code bench/run.sh org.xfer4j.bench.training.MetaStepProfile [metaSteps] [methods] [key=value...]}
 * (default 3 fomaml,maml, one thread).
 */
public final class MetaStepProfile {

    private static final int WARM_UP_STEPS = 1;
    private static final Pattern COPY = Pattern.compile("^u\\.copy(\\d+)/(.*)$");
    private static final Pattern BACKWARD = Pattern.compile("^d\\d+/.*");

    private static int innerSteps;

    private MetaStepProfile() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String[] methods = (args.length > 1 ? args[1] : "fomaml,maml").split(",");
        Map<String, String> extra = BenchArgs.options(args, 2);
        ProviderContext context = BenchArgs.context(extra, 1);
        Episodes tasks = CnnEpisodes.tasks(context);
        Path dir = Files.createTempDirectory("xfer4j-meta-profile");
        int tasksPerStep = Integer.parseInt(extra.getOrDefault("metaBatch", "4"));
        for (String method : methods) {
            Path prefix = dir.resolve(method);
            System.setProperty(OrtRuntime.PROFILE_PROPERTY, prefix.toString());
            long start;
            long end;
            try (OnnxDifferentiableModel model = CnnEpisodes.model(context)) {
                MetaLearnerProvider p = MetaLearners.byId(method);
                Map<String, String> props = new LinkedHashMap<>(Map.of("metaBatch", "4", "innerSteps", "5",
                        "innerLr", "0.1", "checkpointEvery", "0"));
                props.putAll(extra);
                props.put("metaSteps", Integer.toString(WARM_UP_STEPS));
                p.create(p.parseOptions(props), context).metaTrain(model, tasks, MetaLogger.NONE);
                props.put("metaSteps", Integer.toString(steps));
                start = System.nanoTime();
                p.create(p.parseOptions(props), context).metaTrain(model, tasks, MetaLogger.NONE);
                end = System.nanoTime();
            } finally {
                System.clearProperty(OrtRuntime.PROFILE_PROPERTY);
            }
            OrtProfile profile = OrtProfile.readMedians(OrtProfile.newest(prefix), WARM_UP_STEPS * tasksPerStep);
            innerSteps = Integer.parseInt(extra.getOrDefault("innerSteps", "5"));
            print(method, profile, tasksPerStep, (end - start) / 1e6 / steps, dir);
        }
    }

    private static void print(String method, OrtProfile profile, int tasksPerStep, double wallMs, Path dir) {
        double perStep = tasksPerStep;
        System.out.printf("%n### %s: %.1f ms per meta-step (wall, with profiling on); each node's median over %d"
                + " session runs (one task each); per run: median %.1f ms, summed node medians %.1f ms (profiles in %s)%n",
                method, wallMs, profile.runs(), profile.runUs() / 1e3, profile.kernelUs() / 1e3, dir);
        System.out.println("\n| part of the unrolled graph | kernel ms per meta-step | share of kernel time |");
        System.out.println("|---|---|---|");
        profile.sum(e -> part(e.getKey())).entrySet().stream()
                .sorted(Comparator.comparingDouble(e -> -e.getValue()))
                .forEach(e -> System.out.printf("| %s | %.1f | %.1f %% |%n", e.getKey(), e.getValue() * perStep / 1e3,
                        100 * e.getValue() / profile.kernelUs()));
        Map<String, Integer> counts = profile.count(e -> e.getValue().op());
        System.out.println("\n| operator | nodes | ms per meta-step | share of kernel time |");
        System.out.println("|---|---|---|---|");
        profile.sum(e -> e.getValue().op()).entrySet().stream()
                .sorted(Comparator.comparingDouble(e -> -e.getValue()))
                .forEach(e -> System.out.printf("| %s | %d | %.1f | %.1f %% |%n", e.getKey(), counts.get(e.getKey()),
                        e.getValue() * perStep / 1e3, 100 * e.getValue() / profile.kernelUs()));
        System.out.println("\n| part, operator | ms per meta-step |");
        System.out.println("|---|---|");
        profile.sum(e -> part(e.getKey()) + ", " + e.getValue().op()).entrySet().stream()
                .sorted(Comparator.comparingDouble(e -> -e.getValue())).limit(25)
                .forEach(e -> System.out.printf("| %s | %.1f |%n", e.getKey(), e.getValue() * perStep / 1e3));
        System.out.println("\nslowest nodes:");
        System.out.println("| node | operator | ms per meta-step |");
        System.out.println("|---|---|---|");
        profile.nodes().entrySet().stream().sorted(Comparator.comparingDouble(e -> -e.getValue().us())).limit(30)
                .forEach(e -> System.out.printf("| %s | %s | %.2f |%n", e.getKey(), e.getValue().op(),
                        e.getValue().us() * perStep / 1e3));
    }

    /**
     * The part of the unrolled graph a node belongs to, from the names UnrolledGraph and ReverseMode give: inlined
     * copies are {@code u.copyN/} (their backward nodes {@code u.copyN/dK/}), one per inner step, then the support
     * loss after the last step, the query loss before and after adaptation; the second differentiation's nodes are
     * {@code dK/} at top level.
     */
    private static String part(String node) {
        var m = COPY.matcher(node);
        if (m.matches()) {
            String rest = m.group(2);
            String kind = BACKWARD.matcher(rest).matches() ? "backward" : rest.startsWith("xfer4j.loss/") ? "loss"
                    : "forward";
            int copy = Integer.parseInt(m.group(1));
            String what = copy < innerSteps ? "inner step " + (copy + 1) : switch (copy - innerSteps) {
                case 0 -> "support loss after adaptation";
                case 1 -> "query loss before adaptation";
                default -> "query loss after adaptation";
            };
            return what + ", " + kind;
        }
        if (BACKWARD.matcher(node).matches()) {
            return "second differentiation";
        }
        if (node.startsWith("u.step")) {
            return "inner updates";
        }
        return node.startsWith("u.") ? "outputs" : "runtime-added (" + node.replaceAll("[_0-9].*", "") + ")";
    }
}
