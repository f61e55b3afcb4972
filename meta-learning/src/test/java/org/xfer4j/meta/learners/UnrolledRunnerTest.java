package org.xfer4j.meta.learners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.meta.Task;
import org.xfer4j.meta.nets.Nets;
import org.xfer4j.meta.sine.SineWaves;
import org.xfer4j.runtime.onnx.graph.LayerSpec.ActivationKind;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * The inner loop unrolled into one ONNX graph computes what the step-by-step loop through the model's
 * lossAndGradient and Hessian-vector products computes; and second-order MAML's outer gradient matches central
 * finite differences of the query loss after adaptation with respect to the initialisation.
 */
class UnrolledRunnerTest {

    private static final InnerLoop LOOP = new InnerLoop(3, 0.05, OptimizerKind.SGD);

    private static OnnxDifferentiableModel tiny() {
        return SineWaves.model(Nets.mlp(new int[] {1, 6, 5, 1}, ActivationKind.TANH, 3), ProviderContext.defaults());
    }

    private static Task task() {
        return SineWaves.of(6, 7).sample(new SplittableRandom(5));
    }

    @Test
    void unrolledAndStepwiseLoopsAgree() {
        Task task = task();
        try (OnnxDifferentiableModel model = tiny(); UnrolledRunner unrolled = new UnrolledRunner(model,
                ProviderContext.defaults()); StepwiseRunner stepwise = new StepwiseRunner(model)) {
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
        Task task = task();
        try (OnnxDifferentiableModel model = tiny(); UnrolledRunner runner = new UnrolledRunner(model,
                ProviderContext.defaults())) {
            Flat theta = Flat.of(model.initialParameters());
            Outcome o = runner.adapt(theta, task.support(), task.query(), LOOP, EnumSet.of(Need.META_GRADIENT));
            Outcome first = runner.adapt(theta, task.support(), task.query(), LOOP, EnumSet.of(Need.QUERY_GRADIENT));
            double h = 1e-2;
            double differs = 0;
            for (int p = 0; p < theta.values.length; p++) {
                for (int i = 0; i < theta.values[p].length; i += 3) {
                    Flat up = theta.copy();
                    up.values[p][i] += (float) h;
                    Flat down = theta.copy();
                    down.values[p][i] -= (float) h;
                    double numeric = (runner.adapt(up, task.support(), task.query(), LOOP, Set.of()).queryAfter()
                            - runner.adapt(down, task.support(), task.query(), LOOP, Set.of()).queryAfter()) / (2 * h);
                    double exact = o.outerGradient().values[p][i];
                    assertThat(exact).as("d query loss / d %s[%d]", theta.names.get(p), i)
                            .isCloseTo(numeric, within(2e-3 + 0.02 * Math.abs(numeric)));
                    differs = Math.max(differs, Math.abs(exact - first.outerGradient().values[p][i]));
                }
            }
            assertThat(differs).as("second order differs from first order").isGreaterThan(1e-3);
        }
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
