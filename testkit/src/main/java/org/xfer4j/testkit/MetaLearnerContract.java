package org.xfer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.MetaCheckpoint;
import org.xfer4j.api.meta.MetaLearner;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.api.meta.MetaStep;
import org.xfer4j.api.meta.MetaTrainingResult;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.Task;
import org.xfer4j.api.meta.TaskDistribution;
import org.xfer4j.api.meta.TaskLosses;

/**
 * The contract every {@link MetaLearnerProvider} must pass: a provider's test extends this class, implements
 * {@link #provider()} and {@link #shortRun()} and inherits the tests. They meta-train on related line-fitting tasks
 * (a model in plain Java, so any learner that uses only the {@link DifferentiableModel} contract can pass).
 */
public abstract class MetaLearnerContract {

    private static final int EVALUATION_TASKS = 40;

    /** The provider under test. */
    protected abstract MetaLearnerProvider provider();

    /**
     * Options for a short run on the line tasks: a few dozen meta-steps, checkpoints every few steps, learning rates
     * that fit lines with x in [-1, 1].
     */
    protected abstract Options shortRun();

    /** Properties that differ from the defaults, to check they parse and round-trip; empty skips that test. */
    protected Map<String, String> nonDefaultOptions() {
        return Map.of();
    }

    /** The context training runs with. */
    protected ProviderContext context() {
        return ProviderContext.defaults().withSeed(7L);
    }

    /** The model meta-trained in the contract's tests; the line model by default. */
    protected DifferentiableModel model() {
        return new LinearTasks.Model();
    }

    /** The tasks meta-trained on; related lines by default. */
    protected TaskDistribution tasks() {
        return new LinearTasks();
    }

    @Test
    public void idIsLowerCaseAndSpiRunsOnThisHost() {
        ProviderChecks.identity(provider());
    }

    @Test
    public void defaultOptionsRoundTripThroughProperties() {
        ProviderChecks.defaultOptionsRoundTrip(provider().defaultOptions(), provider()::parseOptions);
    }

    @Test
    public void nonDefaultOptionsRoundTripThroughProperties() {
        ProviderChecks.nonDefaultOptionsRoundTrip(provider().defaultOptions(), provider()::parseOptions,
                nonDefaultOptions());
    }

    @Test
    public void unknownOptionIsRejectedByName() {
        ProviderChecks.unknownOptionRejected(provider()::parseOptions);
    }

    @Test
    public void metaTrainingLowersTheQueryLossAfterAdaptation() {
        try (DifferentiableModel model = model()) {
            MetaLearner learner = provider().create(shortRun(), context());
            Parameters start = model.initialParameters();
            MetaTrainingResult result = learner.metaTrain(model, tasks(), MetaLogger.NONE);
            double before = adaptedQueryLoss(learner, model, start);
            double after = adaptedQueryLoss(learner, model, result.initialisation());
            assertThat(after).as("mean query loss after adaptation: from the meta-learned initialisation (%s) vs "
                    + "from the start (%s)", after, before).isLessThan(0.7 * before);
        }
    }

    @Test
    public void loggerHearsEveryStepTaskAndAFinalCheckpoint() {
        List<MetaStep> steps = new ArrayList<>();
        List<TaskLosses> tasks = new ArrayList<>();
        List<MetaCheckpoint> checkpoints = new ArrayList<>();
        try (DifferentiableModel model = model()) {
            MetaTrainingResult r = provider().create(shortRun(), context()).metaTrain(model, tasks(),
                    recorder(steps, tasks, checkpoints));
            assertThat(steps).isNotEmpty().isEqualTo(r.history());
            assertThat(steps.getLast().step()).isEqualTo(steps.size());
            assertThat(tasks).hasSizeGreaterThanOrEqualTo(steps.size());
            assertThat(tasks).allSatisfy(t -> assertThat(t.supportAfter()).isFinite().isLessThan(t.supportBefore()));
            assertThat(checkpoints).isNotEmpty();
            assertThat(checkpoints.getLast().step()).isEqualTo(steps.size());
            assertThat(checkpoints.getLast().initialisation()).isEqualTo(r.initialisation());
        }
    }

    @Test
    public void resumingFromACheckpointEqualsTheUninterruptedRun() {
        List<MetaCheckpoint> checkpoints = new ArrayList<>();
        try (DifferentiableModel model = model()) {
            MetaTrainingResult whole = provider().create(shortRun(), context()).metaTrain(model, tasks(),
                    recorder(new ArrayList<>(), new ArrayList<>(), checkpoints));
            assertThat(checkpoints).as("checkpoints before the last step").hasSizeGreaterThan(1);
            MetaCheckpoint middle = checkpoints.getFirst();
            MetaTrainingResult resumed = provider().create(shortRun(), context()).metaTrain(model, tasks(),
                    MetaLogger.NONE, middle);
            assertThat(resumed.history().getFirst().step()).isEqualTo(middle.step() + 1);
            assertThat(resumed.initialisation()).isEqualTo(whole.initialisation());
        }
    }

    @Test
    public void adaptLowersTheSupportLossAndLeavesTheInitialisationAlone() {
        try (DifferentiableModel model = model()) {
            Parameters start = model.initialParameters();
            List<float[]> values = start.tensors().values().stream().map(t -> t.floats().clone()).toList();
            Task task = tasks().sample(new SplittableRandom(3));
            Parameters adapted = provider().create(shortRun(), context()).adapt(model, start, task.support());
            assertThat(model.lossAndGradient(adapted, task.support()).loss())
                    .isLessThan(model.lossAndGradient(start, task.support()).loss());
            assertThat(start.tensors().values().stream().map(t -> t.floats()).toList())
                    .as("the initialisation after adapting").containsExactlyElementsOf(values);
        }
    }

    private double adaptedQueryLoss(MetaLearner learner, DifferentiableModel model, Parameters init) {
        SplittableRandom random = new SplittableRandom(99);
        double sum = 0;
        for (int i = 0; i < EVALUATION_TASKS; i++) {
            Task t = tasks().sample(random);
            sum += model.lossAndGradient(learner.adapt(model, init, t.support()), t.query()).loss();
        }
        return sum / EVALUATION_TASKS;
    }

    private static MetaLogger recorder(List<MetaStep> steps, List<TaskLosses> tasks, List<MetaCheckpoint> saved) {
        return new MetaLogger() {
            @Override
            public void onStep(MetaStep step) {
                steps.add(step);
            }

            @Override
            public void onTask(TaskLosses task) {
                tasks.add(task);
            }

            @Override
            public void onCheckpoint(MetaCheckpoint checkpoint) {
                saved.add(checkpoint);
            }
        };
    }
}
