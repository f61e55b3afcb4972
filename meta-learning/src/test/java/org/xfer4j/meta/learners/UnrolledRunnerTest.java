package org.xfer4j.meta.learners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import java.nio.file.Path;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.meta.LossKind;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.Task;
import org.xfer4j.meta.MetaLearners;
import org.xfer4j.meta.eval.AdaptationCurve;
import org.xfer4j.meta.nets.Nets;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.meta.sine.SineWaves;
import org.xfer4j.meta.tasks.ClassSplit;
import org.xfer4j.meta.tasks.EpisodeShape;
import org.xfer4j.meta.tasks.Episodes;
import org.xfer4j.runtime.onnx.graph.LayerSpec.ActivationKind;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.image.ImageSpec;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * The inner loop unrolled into one ONNX graph computes what the step-by-step loop through the model's
 * lossAndGradient and Hessian-vector products computes; and second-order MAML's outer gradient matches central
 * finite differences of the query loss after adaptation with respect to the initialisation, on the sine MLP and on a
 * small few-shot CNN over real MNIST digits.
 */
class UnrolledRunnerTest {

    private static final InnerLoop LOOP = new InnerLoop(3, 0.05, OptimizerKind.SGD);

    private static OnnxDifferentiableModel tiny() {
        return SineWaves.model(Nets.mlp(new int[] {1, 6, 5, 1}, ActivationKind.TANH, 3), ProviderContext.defaults());
    }

    private static Task task() {
        return SineWaves.of(6, 7).sample(new SplittableRandom(5));
    }

    /** The few-shot CNN, 2 blocks of 4 filters, 3 ways, on grey images scaled to 12x12 and to [0, 1]. */
    private static OnnxDifferentiableModel tinyCnn() {
        return new OnnxDifferentiableModel(Nets.fewShotCnn(1, 12, 2, 4, 3, 3), tinyPreprocessor(),
                LossKind.CROSS_ENTROPY, ProviderContext.defaults());
    }

    private static ImagePreprocessor tinyPreprocessor() {
        return new ImagePreprocessor(Nets.INPUT, new ImageSpec(12, 12, 1, 0, false, false, 1f / 255, new float[1],
                new float[] {1}), 1);
    }

    /** A 3-way 2-shot episode of MNIST digits (3 queries per class). */
    private static Task digits() {
        Dataset mnist = DataSpecs.resolve("mnist", Path.of(System.getProperty("xfer4j.cache")));
        return Episodes.of(mnist, ClassSplit.of(10, 7, 0, 3, 1), ClassSplit.Part.TRAIN, new EpisodeShape(3, 2, 3))
                .draw(1, 4).getFirst();
    }

    @Test
    void unrolledAndStepwiseLoopsAgree() {
        Task task = task();
        try (OnnxDifferentiableModel model = tiny(); UnrolledRunner unrolled = new UnrolledRunner(model,
                BatchNormMode.FIXED, ProviderContext.defaults()); StepwiseRunner stepwise = new StepwiseRunner(model,
                null)) {
            Flat theta = Flat.of(model.initialParameters());
            List<LeapRule> leaps = List.of(new LeapRule(LeapNorm.LENGTH, true), new LeapRule(LeapNorm.ENERGY, false));
            for (int run = 0; run < 4; run++) {
                Set<Need> needs = run < 2 ? EnumSet.of(run == 0 ? Need.QUERY_GRADIENT : Need.META_GRADIENT)
                        : EnumSet.of(Need.TRAJECTORY);
                InnerLoop loop = run < 2 ? LOOP : new InnerLoop(LOOP.steps(), LOOP.lr(), LOOP.optimizer(),
                        leaps.get(run - 2));
                Outcome a = unrolled.adapt(theta, task.support(), task.query(), loop, needs);
                Outcome b = stepwise.adapt(theta, task.support(), task.query(), loop, needs);
                assertThat(a.supportLosses()).as("support losses, %s", needs)
                        .containsExactly(b.supportLosses(), within(1e-5f));
                assertThat(a.queryBefore()).isCloseTo(b.queryBefore(), within(1e-5));
                assertThat(a.queryAfter()).isCloseTo(b.queryAfter(), within(1e-5));
                close(a.adapted(), b.adapted(), "adapted parameters");
                if (!needs.contains(Need.TRAJECTORY)) {
                    close(a.outerGradient(), b.outerGradient(), "outer gradient " + needs);
                } else {
                    LeapRule rule = loop.leap();
                    close(rule.taskDirection(theta, a), rule.taskDirection(theta, b), "Leap direction " + rule);
                }
            }
        }
    }

    @Test
    void secondOrderOuterGradientMatchesFiniteDifferences() {
        try (OnnxDifferentiableModel model = tiny()) {
            checkOuterGradient(model, task(), 1e-2, 2e-3, 0.02, 3);
        }
    }

    /**
     * Along each parameter tensor's own outer gradient direction u, the central difference of the query loss after
     * adaptation matches |g| (that is, g . u) to rounding, where first order's g1 . u is off by 5-40 %. Through ReLU
     * and max pooling the adapted parameters jump wherever an inner gradient's mask or arg-max switches, and a step
     * that shifts a whole channel (its bias) crosses several such switches: where differences with steps h and h/2
     * disagree the direction is skipped; measured, one tensor of ten (conv_1.bias) is.
     */
    @Test
    void cnnSecondOrderOuterGradientMatchesFiniteDifferencesAndTheStepwiseLoop() {
        Task task = digits();
        try (OnnxDifferentiableModel model = tinyCnn(); UnrolledRunner unrolled = new UnrolledRunner(model,
                BatchNormMode.FIXED, ProviderContext.defaults()); StepwiseRunner stepwise = new StepwiseRunner(model,
                null)) {
            Flat theta = offZero(Flat.of(model.initialParameters()));
            Outcome second = checkAlongOuterGradients(unrolled, task, theta, false, 7);
            Outcome b = stepwise.adapt(theta, task.support(), task.query(), LOOP, EnumSet.of(Need.META_GRADIENT));
            assertThat(second.queryAfter()).isCloseTo(b.queryAfter(), within(1e-5));
            close(second.outerGradient(), b.outerGradient(), "CNN outer gradient");
        }
    }

    /**
     * Batch norms by batch statistics (support and transductive): the step-by-step loop (its query scored through the
     * support statistics by a step-less unrolled graph under support mode, its second order by Hessian-vector
     * products of the batch-statistics support loss) gives the unrolled loop's losses, predictions and first- and
     * second-order directions; the modes differ from each other and from fixed statistics.
     */
    @Test
    void withBatchStatisticsTheRunnersAgreeInBothModes() {
        Task task = digits();
        ProviderContext context = ProviderContext.defaults();
        try (OnnxDifferentiableModel fixed = tinyCnn(); UnrolledRunner plain = new UnrolledRunner(fixed,
                BatchNormMode.FIXED, context)) {
            OnnxDifferentiableModel model = fixed.batchStatistics();
            Flat theta = offZero(Flat.of(model.initialParameters()));
            double fixedLoss = plain.adapt(theta, task.support(), task.query(), LOOP, Set.of()).queryAfter();
            double[] after = new double[2];
            for (BatchNormMode mode : List.of(BatchNormMode.SUPPORT, BatchNormMode.TRANSDUCTIVE)) {
                try (UnrolledRunner unrolled = new UnrolledRunner(model, mode, context);
                     StepwiseRunner stepwise = new StepwiseRunner(model, mode == BatchNormMode.SUPPORT
                             ? new UnrolledRunner(model, mode, context) : null)) {
                    for (Need need : List.of(Need.QUERY_GRADIENT, Need.META_GRADIENT)) {
                        Outcome a = unrolled.adapt(theta, task.support(), task.query(), LOOP, EnumSet.of(need));
                        Outcome b = stepwise.adapt(theta, task.support(), task.query(), LOOP, EnumSet.of(need));
                        assertThat(a.supportLosses()).as("support losses, %s %s", mode, need)
                                .containsExactly(b.supportLosses(), within(1e-5f));
                        assertThat(a.queryBefore()).as("query before, %s", mode).isCloseTo(b.queryBefore(),
                                within(1e-5));
                        assertThat(a.queryAfter()).as("query after, %s", mode).isCloseTo(b.queryAfter(),
                                within(1e-5));
                        assertThat(a.queryOutputs()).as("query logits, %s", mode)
                                .containsExactly(b.queryOutputs(), within(1e-4f));
                        close(a.outerGradient(), b.outerGradient(), mode + " " + need);
                        after[mode.ordinal()] = a.queryAfter();
                    }
                }
            }
            assertThat(after[0]).as("support and transductive statistics differ").isNotCloseTo(after[1],
                    within(1e-4));
            assertThat(after[0]).as("batch and fixed statistics differ").isNotCloseTo(fixedLoss, within(1e-3));
        }
    }

    /**
     * Support statistics: the first-order direction at given parameters (a step-less loop) matches central
     * differences of the query loss, so it follows the query's dependence through the support statistics; and the
     * second-order one matches them along each tensor's direction through the whole loop, far closer than first
     * order, as with fixed statistics.
     */
    @Test
    void supportStatisticsOuterGradientsMatchFiniteDifferences() {
        Task task = digits();
        try (OnnxDifferentiableModel fixed = tinyCnn(); UnrolledRunner runner = new UnrolledRunner(
                fixed.batchStatistics(), BatchNormMode.SUPPORT, ProviderContext.defaults())) {
            Flat theta = offZero(Flat.of(fixed.initialParameters()));
            InnerLoop none = new InnerLoop(0, LOOP.lr(), OptimizerKind.SGD);
            Flat g = runner.adapt(theta, task.support(), task.query(), none, EnumSet.of(Need.QUERY_GRADIENT))
                    .outerGradient();
            double h = 1e-3;
            for (int p = 0; p < theta.values.length; p++) {
                float[] unit = unit(g.values[p]);
                double numeric = difference(runner, task, theta, p, unit, h, none);
                assertThat(Math.sqrt(dot(g.values[p], g.values[p]))).as("first order along %s", theta.names.get(p))
                        .isCloseTo(numeric, within(5e-4 + 0.01 * Math.abs(numeric)));
            }
            checkAlongOuterGradients(runner, task, theta, true, 12); // measured: 16 of 30 elements smooth
        }
    }

    /**
     * Under support statistics a query's prediction does not depend on the other queries in its batch (under
     * transductive statistics it does), and the adapted net saved as a plain inference graph, the support statistics
     * as its running statistics, predicts the queries as the in-graph scoring does.
     */
    @Test
    void supportStatisticsPredictEachQueryAloneAndExportAsAPlainGraph() {
        Task task = digits();
        Dataset query = task.query();
        int[] others = new int[query.size()];
        for (int i = 1; i < others.length; i++) {
            others[i] = i % 3; // the same first query among a different mix of the others
        }
        Dataset mixed = query.subset(others);
        try (OnnxDifferentiableModel model = tinyCnn()) {
            Flat theta = offZero(Flat.of(model.initialParameters()));
            for (BatchNormMode mode : List.of(BatchNormMode.SUPPORT, BatchNormMode.TRANSDUCTIVE)) {
                try (TaskScoring scoring = TaskScoring.of(model, mode)) {
                    float[] alone = scoring.query(theta.toParameters(), task.support(), query).outputs();
                    float[] among = scoring.query(theta.toParameters(), task.support(), mixed).outputs();
                    double moved = 0;
                    for (int k = 0; k < 3; k++) {
                        moved = Math.max(moved, Math.abs(alone[k] - among[k]));
                    }
                    if (mode == BatchNormMode.SUPPORT) {
                        assertThat(moved).as("change of the first query's logits with the others, support")
                                .isLessThan(1e-5);
                    } else {
                        assertThat(moved).as("change of the first query's logits with the others, transductive")
                                .isGreaterThan(1e-3);
                    }
                }
            }
            try (TaskScoring scoring = TaskScoring.of(model, BatchNormMode.SUPPORT)) {
                Flat adapted = theta.copy();
                for (int k = 0; k < 3; k++) {
                    adapted.addScaled(-LOOP.lr(), adapted.like(scoring.model().lossAndGradient(adapted.toParameters(),
                            task.support()).gradient()));
                }
                float[] inGraph = scoring.query(adapted.toParameters(), task.support(), query).outputs();
                try (OnnxDifferentiableModel saved = new OnnxDifferentiableModel(scoring.export(
                        adapted.toParameters(), task.support()), tinyPreprocessor(), LossKind.CROSS_ENTROPY,
                        ProviderContext.defaults())) {
                    assertThat(saved.outputs(saved.initialParameters(), query).floats()).as("saved adapted net")
                            .containsExactly(inGraph, within(1e-4f));
                }
                assertThatThrownBy(() -> TaskScoring.of(model, BatchNormMode.TRANSDUCTIVE).export(
                        adapted.toParameters(), task.support())).isInstanceOf(InvalidOptionException.class)
                        .hasMessageContaining("batchNorm=transductive");
            }
        }
    }

    /**
     * Meta-test's adaptation curve under support statistics steps through the batch-statistics loss and scores the
     * queries as {@link TaskScoring} does, unlike the curve on fixed statistics.
     */
    @Test
    void adaptationCurveAdaptsAndScoresBySupportStatistics() {
        Task task = digits();
        try (OnnxDifferentiableModel model = tinyCnn(); TaskScoring scoring = TaskScoring.of(model,
                BatchNormMode.SUPPORT)) {
            Parameters init = offZero(Flat.of(model.initialParameters())).toParameters();
            AdaptationCurve curve = new AdaptationCurve(3, LOOP.lr(), BatchNormMode.SUPPORT);
            List<AdaptationCurve.Point> points = curve.measure(model, init, List.of(task), "init", Progress.NONE);
            TaskScoring.QueryScore last = scoring.query(curve.adapt(model, init, task.support()), task.support(),
                    task.query());
            assertThat(points.getLast().loss().mean()).isCloseTo(last.loss(), within(1e-5));
            assertThat(points.getLast().accuracy().mean()).isEqualTo(last.accuracy(task.query()));
            assertThat(points.getLast().loss().mean()).as("adapting lowers the query loss")
                    .isLessThan(points.getFirst().loss().mean());
            List<AdaptationCurve.Point> fixed = new AdaptationCurve(3, LOOP.lr()).measure(model, init, List.of(task),
                    "init", Progress.NONE);
            assertThat(fixed.getLast().loss().mean()).isNotCloseTo(last.loss(), within(1e-3));
        }
    }

    /** fomaml normalises by the support set's statistics unless told otherwise; the others keep fixed ones. */
    @Test
    void batchNormDefaultsAndAnUnknownModeIsRefusedByName() {
        assertThat(MetaLearners.byId("fomaml").parseOptions(Map.of()).toProperties())
                .containsEntry("batchNorm", "support");
        for (String method : List.of("reptile", "maml", "leap")) {
            assertThat(MetaLearners.byId(method).parseOptions(Map.of()).toProperties()).as(method)
                    .containsEntry("batchNorm", "fixed");
        }
        assertThat(MetaLearners.byId("maml").parseOptions(Map.of("batchNorm", "transductive")).toProperties())
                .containsEntry("batchNorm", "transductive");
        assertThatThrownBy(() -> MetaLearners.byId("fomaml").parseOptions(Map.of("batchNorm", "batch")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("batchNorm=batch")
                .hasMessageContaining("support");
    }

    /**
     * Along each parameter tensor's own second-order outer gradient direction u (or, {@code elementwise}, along
     * three single elements of each tensor), the central difference of the query loss after adaptation matches
     * g . u, where first order's g1 . u is off by 5-40 %. Through ReLU and max pooling the adapted parameters jump
     * wherever an inner gradient's mask or arg-max switches, and a step that shifts a whole channel (its bias) crosses
     * several such switches: where differences with steps h and h/2 disagree the direction is skipped; measured with
     * fixed statistics, one tensor of ten (conv_1.bias) is. Under batch statistics half of every normalised channel
     * sits below its ReLU's kink, so whole-tensor steps cross switches in six tensors of ten (measured): there single
     * elements are checked. Returns the second-order outcome.
     */
    private static Outcome checkAlongOuterGradients(UnrolledRunner unrolled, Task task, Flat theta,
            boolean elementwise, int least) {
        Outcome second = unrolled.adapt(theta, task.support(), task.query(), LOOP, EnumSet.of(Need.META_GRADIENT));
        Outcome first = unrolled.adapt(theta, task.support(), task.query(), LOOP, EnumSet.of(Need.QUERY_GRADIENT));
        double h = 1e-3;
        int checked = 0;
        double secondError = 0;
        double firstError = 0;
        for (int p = 0; p < theta.values.length; p++) {
            float[] g = second.outerGradient().values[p];
            List<float[]> directions = new ArrayList<>();
            if (elementwise) {
                for (int i : new java.util.TreeSet<>(List.of(0, g.length / 2, g.length - 1))) {
                    float[] e = new float[g.length];
                    e[i] = 1;
                    directions.add(e);
                }
            } else {
                directions.add(unit(g));
            }
            for (float[] u : directions) {
                double exact = dot(g, u);
                double numeric = difference(unrolled, task, theta, p, u, h, LOOP);
                double half = difference(unrolled, task, theta, p, u, h / 2, LOOP);
                // float32 rounding of losses near 1 is about 1e-4 in these quotients (measured: smooth directions
                // agree with each other and with g . u within 1.2e-4)
                double tolerance = 5e-4 + 0.01 * Math.abs(numeric);
                if (Math.abs(numeric - half) > tolerance) {
                    continue;
                }
                checked++;
                assertThat(exact).as("d query loss along %s", theta.names.get(p)).isCloseTo(numeric,
                        within(tolerance));
                secondError += Math.abs(exact - numeric);
                firstError += Math.abs(dot(first.outerGradient().values[p], u) - numeric);
            }
        }
        assertThat(checked).as("directions without a switch within the step").isGreaterThanOrEqualTo(least);
        assertThat(secondError).as("second order is far closer than first order").isLessThan(firstError / 20);
        return second;
    }

    private static float[] unit(float[] g) {
        double norm = Math.sqrt(dot(g, g));
        float[] unit = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            unit[i] = (float) (g[i] / norm);
        }
        return unit;
    }

    /**
     * {@code theta} with its biases moved off zero: at zero bias every blank pixel of a digit sits exactly on a ReLU's
     * kink, where the inner gradient, and so the query loss after adaptation, jumps.
     */
    private static Flat offZero(Flat theta) {
        Flat moved = theta.copy();
        SplittableRandom random = new SplittableRandom(9);
        for (int p = 0; p < moved.values.length; p++) {
            if (moved.names.get(p).endsWith("bias")) {
                for (int i = 0; i < moved.values[p].length; i++) {
                    moved.values[p][i] += (float) random.nextDouble(0.05, 0.2);
                }
            }
        }
        return moved;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Checks every {@code stride}-th element of each parameter's outer gradient against central differences. */
    private static void checkOuterGradient(OnnxDifferentiableModel model, Task task, double h, double absolute,
            double relative, int stride) {
        try (UnrolledRunner runner = new UnrolledRunner(model, BatchNormMode.FIXED, ProviderContext.defaults())) {
            Flat theta = Flat.of(model.initialParameters());
            Outcome o = runner.adapt(theta, task.support(), task.query(), LOOP, EnumSet.of(Need.META_GRADIENT));
            Outcome first = runner.adapt(theta, task.support(), task.query(), LOOP, EnumSet.of(Need.QUERY_GRADIENT));
            double differs = 0;
            for (int p = 0; p < theta.values.length; p++) {
                for (int i = 0; i < theta.values[p].length; i += stride) {
                    float[] unit = new float[theta.values[p].length];
                    unit[i] = 1;
                    double numeric = difference(runner, task, theta, p, unit, h, LOOP);
                    double exact = o.outerGradient().values[p][i];
                    assertThat(exact).as("d query loss / d %s[%d]", theta.names.get(p), i)
                            .isCloseTo(numeric, within(absolute + relative * Math.abs(numeric)));
                    differs = Math.max(differs, Math.abs(exact - first.outerGradient().values[p][i]));
                }
            }
            assertThat(differs).as("second order differs from first order").isGreaterThan(1e-3);
        }
    }

    /**
     * The central difference of the query loss after adaptation along {@code direction} in parameter {@code p}
     * alone, with step {@code h}.
     */
    private static double difference(UnrolledRunner runner, Task task, Flat theta, int p, float[] direction,
            double h, InnerLoop loop) {
        Flat up = theta.copy();
        Flat down = theta.copy();
        for (int i = 0; i < direction.length; i++) {
            up.values[p][i] += (float) (h * direction[i]);
            down.values[p][i] -= (float) (h * direction[i]);
        }
        return (runner.adapt(up, task.support(), task.query(), loop, Set.of()).queryAfter()
                - runner.adapt(down, task.support(), task.query(), loop, Set.of()).queryAfter()) / (2 * h);
    }

    private static void close(Flat a, Flat b, String what) {
        for (int p = 0; p < a.values.length; p++) {
            float[] x = a.values[p];
            float[] y = b.values[p];
            for (int i = 0; i < x.length; i++) {
                assertThat(x[i]).as("%s %s[%d]", what, a.names.get(p), i).isCloseTo(y[i],
                        within(1e-4f + 1e-3f * Math.abs(y[i])));
            }
        }
    }
}
