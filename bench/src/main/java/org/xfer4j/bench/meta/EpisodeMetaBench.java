package org.xfer4j.bench.meta;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.api.meta.MetaStep;
import org.xfer4j.api.meta.TaskLosses;
import org.xfer4j.meta.MetaLearners;
import org.xfer4j.meta.tasks.Episodes;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * Time per meta-step of first- and second-order MAML on the few-shot CNN ({@code cnn:1x28:4x32:5}) over 5-way
 * 1-shot episodes of the meta-train classes of MNIST + Fashion-MNIST (5 queries per class, 4 tasks per step, 5 inner
 * SGD steps at 0.1, outer Adam 0.001), as {@code xfer4j meta-train} runs them; bench/meta/cnn_reference.py does the
 * same work in PyTorch 1.13. One line per method: wall and process-CPU milliseconds per meta-step after a 2-step
 * warm-up (which builds and opens the unrolled graphs), and the mean query loss before and after adaptation.
 *
 * <p>Arguments: {@code metaSteps methods [threads=N] [key=value...]}, e.g. {@code 10 fomaml,maml threads=2}; a
 * method may name its batch-norm mode, {@code fomaml:fixed}, else it runs with the learner's default.
 */
public final class EpisodeMetaBench {

    /** This process's CPU time (all threads): what a meta-step costs, less swayed than wall time by other load. */
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();

    private EpisodeMetaBench() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String[] methods = (args.length > 1 ? args[1] : "fomaml,maml").split(",");
        Map<String, String> extra = BenchArgs.options(args, 2);
        ProviderContext context = BenchArgs.context(extra, 2);
        Episodes tasks = CnnEpisodes.tasks(context);
        try (OnnxDifferentiableModel model = CnnEpisodes.model(context)) {
            for (String spec : methods) {
                String method = spec.split(":")[0];
                MetaLearnerProvider p = MetaLearners.byId(method);
                Map<String, String> props = new LinkedHashMap<>(Map.of("metaBatch", "4", "innerSteps", "5",
                        "innerLr", "0.1", "checkpointEvery", "0"));
                props.putAll(extra);
                if (spec.contains(":")) {
                    props.put("batchNorm", spec.substring(spec.indexOf(':') + 1));
                }
                Map<String, String> warm = new LinkedHashMap<>(props);
                warm.put("metaSteps", "2");
                p.create(p.parseOptions(warm), context).metaTrain(model, tasks, MetaLogger.NONE);
                props.put("metaSteps", Integer.toString(steps));
                long cpu = CPU.getProcessCpuTime();
                long start = System.nanoTime();
                var options = p.parseOptions(props);
                QueryLosses losses = new QueryLosses();
                p.create(options, context).metaTrain(model, tasks, losses);
                double ms = (System.nanoTime() - start) / 1e6 / steps;
                double cpuMs = (CPU.getProcessCpuTime() - cpu) / 1e6 / steps;
                System.out.printf(Locale.ROOT, "java %-8s ms/meta-step=%8.1f cpu-ms/meta-step=%8.1f threads=%d"
                        + " batchNorm=%s query-loss=%.3f->%.3f%n", method, ms, cpuMs, context.threads(),
                        options.toProperties().getOrDefault("batchNorm", "-"), losses.before / losses.tasks,
                        losses.after / losses.tasks);
            }
        }
    }

    /** Sums the tasks' query losses before and after adaptation (a check that both sides do the same work). */
    private static final class QueryLosses implements MetaLogger {
        private double before;
        private double after;
        private int tasks;

        @Override
        public void onStep(MetaStep step) {
        }

        @Override
        public void onTask(TaskLosses task) {
            before += task.queryBefore();
            after += task.queryAfter();
            tasks++;
        }
    }
}
