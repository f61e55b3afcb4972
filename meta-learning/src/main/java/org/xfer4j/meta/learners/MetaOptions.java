package org.xfer4j.meta.learners;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;

/**
 * The options every meta-learner shares.
 *
 * @param innerSteps gradient steps on a task's support set
 * @param innerLr their learning rate
 * @param innerOptimizer their update rule
 * @param outerLr the meta learning rate (Reptile's and Leap's step size)
 * @param outerOptimizer the meta update rule
 * @param metaBatch tasks per outer step (1 is serial Reptile)
 * @param metaSteps outer steps in all
 * @param anneal whether the outer learning rate decays linearly to 0 over the meta-steps
 * @param seed seeds the tasks drawn at each step
 * @param checkpointEvery steps between checkpoints handed to the logger (0: only after the last)
 * @param unroll whether an ONNX graph model runs all inner steps of a task as one graph
 * @param innerBatch support examples per inner step during meta-training, taken in turn from the shuffled support
 *     set (Nichol et al.'s inner mini-batches); 0 uses the whole support set at every step
 * @param batchNorm what batch norms normalise by during adaptation and scoring
 */
public record MetaOptions(int innerSteps, double innerLr, OptimizerKind innerOptimizer, double outerLr,
        OptimizerKind outerOptimizer, int metaBatch, int metaSteps, boolean anneal, long seed, int checkpointEvery,
        boolean unroll, int innerBatch, BatchNormMode batchNorm) {


    public MetaOptions {
        atLeast("innerSteps", innerSteps, 1);
        atLeast("innerBatch", innerBatch, 0);
        positive("innerLr", innerLr);
        positive("outerLr", outerLr);
        atLeast("metaBatch", metaBatch, 1);
        atLeast("metaSteps", metaSteps, 1);
        atLeast("checkpointEvery", checkpointEvery, 0);
        java.util.Objects.requireNonNull(innerOptimizer, "innerOptimizer");
        java.util.Objects.requireNonNull(outerOptimizer, "outerOptimizer");
        java.util.Objects.requireNonNull(batchNorm, "batchNorm");
    }

    /** Full-batch inner steps, batch norms on their fixed statistics. */
    public MetaOptions(int innerSteps, double innerLr, OptimizerKind innerOptimizer, double outerLr,
            OptimizerKind outerOptimizer, int metaBatch, int metaSteps, boolean anneal, long seed, int checkpointEvery,
            boolean unroll) {
        this(innerSteps, innerLr, innerOptimizer, outerLr, outerOptimizer, metaBatch, metaSteps, anneal, seed,
                checkpointEvery, unroll, 0, BatchNormMode.FIXED);
    }

    /** Reads the shared options from {@code r}, defaulting to {@code d}. */
    static MetaOptions read(OptionReader r, MetaOptions d) {
        return new MetaOptions(r.getInt("innerSteps", d.innerSteps), r.getDouble("innerLr", d.innerLr),
                r.getEnum("innerOptimizer", OptimizerKind.class, d.innerOptimizer),
                r.getDouble("outerLr", d.outerLr), r.getEnum("outerOptimizer", OptimizerKind.class, d.outerOptimizer),
                r.getInt("metaBatch", d.metaBatch), r.getInt("metaSteps", d.metaSteps),
                r.getBoolean("anneal", d.anneal), r.getLong("seed", d.seed),
                r.getInt("checkpointEvery", d.checkpointEvery), r.getBoolean("unroll", d.unroll),
                r.getInt("innerBatch", d.innerBatch), r.getEnum("batchNorm", BatchNormMode.class, d.batchNorm));
    }

    /** The shared options as properties. */
    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("innerSteps", Integer.toString(innerSteps));
        p.put("innerLr", Double.toString(innerLr));
        p.put("innerOptimizer", innerOptimizer.name().toLowerCase(Locale.ROOT));
        p.put("outerLr", Double.toString(outerLr));
        p.put("outerOptimizer", outerOptimizer.name().toLowerCase(Locale.ROOT));
        p.put("metaBatch", Integer.toString(metaBatch));
        p.put("metaSteps", Integer.toString(metaSteps));
        p.put("anneal", Boolean.toString(anneal));
        p.put("seed", Long.toString(seed));
        p.put("checkpointEvery", Integer.toString(checkpointEvery));
        p.put("unroll", Boolean.toString(unroll));
        p.put("innerBatch", Integer.toString(innerBatch));
        p.put("batchNorm", batchNorm.name().toLowerCase(Locale.ROOT));
        return p;
    }

    /** A copy with {@code steps} outer steps. */
    public MetaOptions withMetaSteps(int steps) {
        return new MetaOptions(innerSteps, innerLr, innerOptimizer, outerLr, outerOptimizer, metaBatch, steps, anneal,
                seed, checkpointEvery, unroll, innerBatch, batchNorm);
    }

    /** A copy that runs inner loops step by step ({@code false}) or unrolled. */
    public MetaOptions withUnroll(boolean on) {
        return new MetaOptions(innerSteps, innerLr, innerOptimizer, outerLr, outerOptimizer, metaBatch, metaSteps,
                anneal, seed, checkpointEvery, on, innerBatch, batchNorm);
    }

    /** A copy with checkpoints every {@code steps} steps. */
    public MetaOptions withCheckpointEvery(int steps) {
        return new MetaOptions(innerSteps, innerLr, innerOptimizer, outerLr, outerOptimizer, metaBatch, metaSteps,
                anneal, seed, steps, unroll, innerBatch, batchNorm);
    }

    /** The outer learning rate at step {@code step} (from 1). */
    double outerLrAt(int step) {
        return anneal ? outerLr * (1 - (step - 1) / (double) metaSteps) : outerLr;
    }

    private static void atLeast(String key, long v, long min) {
        if (v < min) {
            throw new InvalidOptionException("option " + key + "=" + v + " must be >= " + min);
        }
    }

    private static void positive(String key, double v) {
        if (!(v > 0 && Double.isFinite(v))) {
            throw new InvalidOptionException("option " + key + "=" + v + " must be a positive number");
        }
    }
}
