package org.xfer4j.bench.meta;

import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.api.meta.MetaTrainingResult;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.meta.MetaLearners;
import org.xfer4j.meta.learners.TransferBaseline;
import org.xfer4j.meta.sine.SineEvaluation;
import org.xfer4j.meta.sine.SineWaves;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * Meta-trains the 1-64-64-1 tanh net on sine waves (5 support, or {@code support=N}, and 10 query points per task)
 * with each method and prints, one line per method, the time per 1,000 meta-steps and the test MSE under three
 * evaluation protocols (5 points from U(-5, 5) and 10 SGD steps; 5 points from U(0, 5) and 10 steps; 10 points and 32
 * steps); the PyTorch reference (bench/meta/sine_reference.py) prints the same lines for the same hyper-parameters.
 *
 * <p>Arguments: {@code metaSteps methods [key=value...]}, e.g. {@code 3000 reptile,fomaml,maml,leap unroll=true
 * reptile.support=50 reptile.innerBatch=5} (a {@code method.} prefix applies an option to that method only).
 */
public final class SineMetaBench {

    private static final int EVAL_TASKS = 200;
    private static final long EVAL_SEED = 2026;

    private SineMetaBench() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        String[] methods = (args.length > 1 ? args[1] : "reptile,fomaml,maml,leap").split(",");
        Map<String, String> extra = BenchArgs.options(args, 2);
        ProviderContext context = BenchArgs.context(extra, 1);
        SineWaves tasks = BenchArgs.sineTasks(BenchArgs.forMethod(extra, "transfer"));
        try (OnnxDifferentiableModel model = SineWaves.model(SineWaves.net(1), context)) {
            Parameters random = model.initialParameters();
            report("random-init", Double.NaN, model, random, context);
            long t0 = System.nanoTime();
            Parameters joint = TransferBaseline.train(model, tasks, steps, 0.001, 1);
            report("joint-training", (System.nanoTime() - t0) / 1e6 / steps * 1000, model, joint, context);
            for (String method : methods) {
                MetaLearnerProvider p = MetaLearners.byId(method);
                Map<String, String> props = new java.util.LinkedHashMap<>(p.defaultOptions().toProperties());
                props.put("metaSteps", Integer.toString(steps));
                props.putAll(BenchArgs.forMethod(extra, method));
                SineWaves methodTasks = BenchArgs.sineTasks(props);
                var options = p.parseOptions(props);
                // warm-up: builds and opens the graphs, as torch's first steps warm its allocator
                Map<String, String> warmUp = new java.util.LinkedHashMap<>(props);
                warmUp.put("metaSteps", "20");
                p.create(p.parseOptions(warmUp), context).metaTrain(model, methodTasks, MetaLogger.NONE);
                long start = System.nanoTime();
                MetaTrainingResult r = p.create(options, context).metaTrain(model, methodTasks, MetaLogger.NONE);
                double msPer1000 = (System.nanoTime() - start) / 1e6 / steps * 1000;
                report(method, msPer1000, model, r.initialisation(), context);
            }
        }
    }

    private static void report(String method, double msPer1000, OnnxDifferentiableModel model, Parameters init,
            ProviderContext context) {
        double fewShot = SineEvaluation.fewShot(EVAL_TASKS, EVAL_SEED).meanMse(model, init, context);
        double robust = SineEvaluation.robust(EVAL_TASKS, EVAL_SEED).meanMse(model, init, context);
        double classic = SineEvaluation.classic(EVAL_TASKS, EVAL_SEED).meanMse(model, init, context);
        System.out.printf(Locale.ROOT, "java %-14s ms/1000=%9.1f mse5x10=%.3f robust5x10=%.3f mse10x32=%.3f%n",
                method, msPer1000, fewShot, robust, classic);
    }
}
