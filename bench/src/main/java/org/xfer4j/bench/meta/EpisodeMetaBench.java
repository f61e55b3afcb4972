package org.xfer4j.bench.meta;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.meta.LossKind;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.meta.MetaLearners;
import org.xfer4j.meta.nets.Nets;
import org.xfer4j.meta.tasks.ClassSplit;
import org.xfer4j.meta.tasks.EpisodeShape;
import org.xfer4j.meta.tasks.Episodes;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.image.ImageSpec;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * Time per meta-step of first- and second-order MAML on the few-shot CNN ({@code cnn:1x28:4x32:5}) over 5-way
 * 1-shot episodes of the meta-train classes of MNIST + Fashion-MNIST (5 queries per class, 4 tasks per step, 5 inner
 * SGD steps at 0.1, outer Adam 0.001), as {@code xfer4j meta-train} runs them; bench/meta/cnn_reference.py does the
 * same work in PyTorch 1.13. One line per method: wall and process-CPU milliseconds per meta-step after a 2-step
 * warm-up (which builds and opens the unrolled graphs).
 *
 * <p>Arguments: {@code metaSteps methods [threads=N] [key=value...]}, e.g. {@code 10 fomaml,maml threads=2}.
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
        Dataset data = DataSpecs.resolve("mnist+fashion", context.cacheDir());
        Episodes tasks = Episodes.of(data, ClassSplit.parse(null, data.classes().size(), 5, 42),
                ClassSplit.Part.TRAIN, new EpisodeShape(5, 1, 5));
        ImagePreprocessor images = new ImagePreprocessor(Nets.INPUT, new ImageSpec(28, 28, 1, 0, false, false,
                1f / 255, new float[1], new float[] {1}), 1);
        try (OnnxDifferentiableModel model = new OnnxDifferentiableModel(Nets.parse("cnn:1x28:4x32:5", 1), images,
                LossKind.CROSS_ENTROPY, context)) {
            for (String method : methods) {
                MetaLearnerProvider p = MetaLearners.byId(method);
                Map<String, String> props = new LinkedHashMap<>(Map.of("metaBatch", "4", "innerSteps", "5",
                        "innerLr", "0.1", "checkpointEvery", "0"));
                props.putAll(extra);
                Map<String, String> warm = new LinkedHashMap<>(props);
                warm.put("metaSteps", "2");
                p.create(p.parseOptions(warm), context).metaTrain(model, tasks, MetaLogger.NONE);
                props.put("metaSteps", Integer.toString(steps));
                long cpu = CPU.getProcessCpuTime();
                long start = System.nanoTime();
                p.create(p.parseOptions(props), context).metaTrain(model, tasks, MetaLogger.NONE);
                double ms = (System.nanoTime() - start) / 1e6 / steps;
                double cpuMs = (CPU.getProcessCpuTime() - cpu) / 1e6 / steps;
                System.out.printf(Locale.ROOT, "java %-8s ms/meta-step=%8.1f cpu-ms/meta-step=%8.1f threads=%d%n",
                        method, ms, cpuMs, context.threads());
            }
        }
    }
}
