package org.xfer4j.meta.learners;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.LossKind;
import org.xfer4j.api.meta.MetaCheckpoint;
import org.xfer4j.api.meta.MetaLearner;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.api.meta.MetaStep;
import org.xfer4j.api.meta.MetaTrainingResult;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.Task;
import org.xfer4j.api.meta.TaskDistribution;
import org.xfer4j.api.meta.TaskLosses;

/**
 * A meta-learner made of the shared options and one method's {@link OuterRule}, running the loop every learner
 * shares: draw a batch of tasks (seeded per step, so a resumed run draws what
 * the uninterrupted one would), adapt to each, descend the rule's direction with the outer optimiser, report each
 * task and step, hand checkpoints to the logger, and stop with an error naming the step where a loss is not finite.
 */
final class GradientMetaLearner implements MetaLearner {

    private final String method;
    private final MetaOptions options;
    private final OuterRule rule;
    private final ProviderContext context;

    GradientMetaLearner(String method, MetaOptions options, OuterRule rule, ProviderContext context) {
        this.method = method;
        this.options = options;
        this.rule = rule;
        this.context = context;
    }

    @Override
    public MetaTrainingResult metaTrain(DifferentiableModel model, TaskDistribution tasks, MetaLogger log) {
        return metaTrain(model, tasks, log, null);
    }

    @Override
    public Parameters adapt(DifferentiableModel model, Parameters initialisation, Dataset support) {
        try (TaskRunner runner = Runners.of(model, options, context)) {
            return runner.adapt(Flat.of(initialisation), support, null, new InnerLoop(options.innerSteps(),
                    options.innerLr(), options.innerOptimizer()), Set.of()).adapted().toParameters();
        }
    }

    @Override
    public MetaTrainingResult metaTrain(DifferentiableModel model, TaskDistribution tasks, MetaLogger log,
            MetaCheckpoint from) {
        if (model.lossKind() != tasks.lossKind()) {
            throw new InvalidInputException("task distribution " + tasks.name() + " is scored by "
                    + tasks.lossKind() + " but the model minimises " + model.lossKind());
        }
        Flat theta = Flat.of(model.initialParameters());
        FlatOptimizer outer = new FlatOptimizer(options.outerOptimizer());
        int start = 0;
        if (from != null) {
            if (from.step() > options.metaSteps()) {
                throw new InvalidInputException("checkpoint at step " + from.step() + " is past metaSteps="
                        + options.metaSteps());
            }
            theta = theta.like(from.initialisation());
            outer.restore(from.optimizerState(), theta);
            start = from.step();
        }
        InnerLoop loop = new InnerLoop(options.innerSteps(), options.innerLr(), options.innerOptimizer(),
                rule instanceof LeapRule leap ? leap : null, options.innerBatch());
        List<MetaStep> history = new ArrayList<>();
        context.progress().start(method + " meta-training on " + tasks.name(), options.metaSteps() - start);
        try (TaskRunner runner = Runners.of(model, options, context)) {
            for (int step = start + 1; step <= options.metaSteps(); step++) {
                context.progress().checkCancelled();
                SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + step);
                List<Outcome> outcomes = new ArrayList<>();
                double loss = 0;
                double accuracy = 0;
                for (int t = 0; t < options.metaBatch(); t++) {
                    Task task = tasks.sample(random);
                    Dataset support = loop.batched(task.support()) ? shuffled(task.support(), random)
                            : task.support();
                    Outcome o = runner.adapt(theta, support, task.query(), loop, rule.needs());
                    requireFinite(o, step, t, task.query().size() > 0);
                    log.onTask(new TaskLosses(step, t, o.supportLosses()[0],
                            o.supportLosses()[o.supportLosses().length - 1], o.queryBefore(), o.queryAfter()));
                    outcomes.add(o);
                    loss += o.queryAfter() / options.metaBatch();
                    accuracy += accuracy(model, o, task.query()) / options.metaBatch();
                }
                Flat direction = rule.direction(theta, outcomes);
                if (!direction.finite()) {
                    throw new XferException(method + " meta-step " + step + ": the meta-gradient is not finite; "
                            + "lower innerLr or outerLr");
                }
                outer.apply(theta, direction, options.outerLrAt(step), step);
                MetaStep s = new MetaStep(step, loss, accuracy);
                history.add(s);
                log.onStep(s);
                context.progress().advance(1);
                if (step == options.metaSteps()
                        || options.checkpointEvery() > 0 && step % options.checkpointEvery() == 0) {
                    log.onCheckpoint(new MetaCheckpoint(step, theta.toParameters(), outer.state()));
                }
            }
        } finally {
            context.progress().finish();
        }
        return new MetaTrainingResult(theta.toParameters(), history);
    }

    /** {@code d} in a random order, so that mini-batches taken in turn mix its classes. */
    private static Dataset shuffled(Dataset d, SplittableRandom random) {
        int[] order = new int[d.size()];
        for (int i = 0; i < order.length; i++) {
            int j = random.nextInt(i + 1);
            order[i] = order[j];
            order[j] = i;
        }
        return d.subset(order);
    }

    private void requireFinite(Outcome o, int step, int task, boolean scored) {
        float[] f = o.supportLosses();
        for (int i = 0; i < f.length; i++) {
            if (!Float.isFinite(f[i])) {
                throw new XferException(method + " meta-step " + step + ", task " + task + ": the support loss is "
                        + f[i] + " at inner step " + i + "; lower innerLr (now " + options.innerLr() + ")");
            }
        }
        if (scored && !Double.isFinite(o.queryAfter())) {
            throw new XferException(method + " meta-step " + step + ", task " + task + ": the query loss is "
                    + o.queryAfter());
        }
    }

    /** The query accuracy of a classification task, NaN for regression or where the outputs are unknown. */
    static double accuracy(DifferentiableModel model, Outcome o, Dataset query) {
        if (model.lossKind() != LossKind.CROSS_ENTROPY || o.queryOutputs() == null || query.size() == 0) {
            return Double.NaN;
        }
        return new TaskScoring.QueryScore(o.queryAfter(), o.queryOutputs()).accuracy(query);
    }
}
