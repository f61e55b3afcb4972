package org.xfer4j.meta.sine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.api.meta.MetaCheckpoint;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.api.meta.MetaStep;
import org.xfer4j.api.meta.MetaTrainingResult;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.meta.MetaLearners;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * Every learner meta-trains the 1-64-64-1 sine net (unrolled inner loops; MAML step by step with Hessian-vector
 * products) to an initialisation whose test MSE after adaptation is well below random initialisation's; bad options,
 * divergence and resumption behave.
 */
class SineMetaLearningTest {

    private static final ProviderContext CONTEXT = ProviderContext.defaults();
    private static final SineWaves TASKS = SineWaves.of(10, 10);
    private static final SineEvaluation EVALUATION = SineEvaluation.classic(100, 2026);
    private static OnnxDifferentiableModel model;
    private static double randomInit;

    @BeforeAll
    static void open() {
        model = SineWaves.model(SineWaves.net(1), CONTEXT);
        randomInit = EVALUATION.meanMse(model, model.initialParameters(), CONTEXT);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static MetaTrainingResult train(String method, Map<String, String> options, MetaLogger log,
            MetaCheckpoint from) {
        MetaLearnerProvider p = MetaLearners.byId(method);
        return p.create(p.parseOptions(options), CONTEXT).metaTrain(model, TASKS, log, from);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reptile", "fomaml", "maml", "leap"})
    void metaLearnedInitialisationAdaptsBetterThanRandom(String method) {
        MetaTrainingResult r = train(method, Map.of("metaSteps", "300"), MetaLogger.NONE, null);
        double mse = EVALUATION.meanMse(model, r.initialisation(), CONTEXT);
        // measured 2026-12-04 (classic protocol, 100 waves): random init 3.37; after 300 meta-steps of the tuned
        // defaults (5 tasks each) reptile 0.81, fomaml 1.43, maml 1.52, leap 0.51 (see bench/README.md). A quarter
        // below random initialisation is what every method reaches by 300 steps and a broken outer update does not.
        assertThat(mse).as("%s test MSE after 32 steps (random initialisation: %s)", method, randomInit)
                .isLessThan(0.75 * randomInit);
    }

    @Test
    void resumingFromACheckpointOfTheUnrolledLoopEqualsTheUninterruptedRun() {
        Map<String, String> options = Map.of("metaSteps", "12", "checkpointEvery", "5");
        List<MetaCheckpoint> checkpoints = new ArrayList<>();
        MetaTrainingResult whole = train("fomaml", options, new MetaLogger() {
            @Override
            public void onStep(MetaStep step) {
            }

            @Override
            public void onCheckpoint(MetaCheckpoint checkpoint) {
                checkpoints.add(checkpoint);
            }
        }, null);
        assertThat(checkpoints).extracting(MetaCheckpoint::step).containsExactly(5, 10, 12);
        assertThat(checkpoints.getFirst().optimizerState().tensors()).as("Adam's moments").isNotEmpty();
        MetaTrainingResult resumed = train("fomaml", options, MetaLogger.NONE, checkpoints.get(1));
        assertThat(resumed.history()).extracting(MetaStep::step).containsExactly(11, 12);
        assertThat(resumed.initialisation()).isEqualTo(whole.initialisation());
        assertThat(resumed.history()).isEqualTo(whole.history().subList(10, 12));
    }

    @Test
    void divergenceIsAnErrorNamingTheStep() {
        assertThatThrownBy(() -> train("reptile", Map.of("metaSteps", "5", "innerLr", "1e6"), MetaLogger.NONE,
                null)).isInstanceOf(XferException.class).hasMessageContaining("reptile meta-step 1")
                .hasMessageContaining("innerLr");
    }

    @Test
    void badOptionsAreNamed() {
        MetaLearnerProvider maml = MetaLearners.byId("maml");
        assertThatThrownBy(() -> maml.parseOptions(Map.of("innerSteps", "0"))).isInstanceOf(
                InvalidOptionException.class).hasMessageContaining("innerSteps=0");
        assertThatThrownBy(() -> maml.parseOptions(Map.of("outerOptimizer", "rmsprop"))).isInstanceOf(
                InvalidOptionException.class).hasMessageContaining("outerOptimizer").hasMessageContaining("adam");
        assertThatThrownBy(() -> maml.parseOptions(Map.of("innerOptimizer", "adam"))).isInstanceOf(
                InvalidOptionException.class).hasMessageContaining("firstOrder=true");
        assertThatThrownBy(() -> MetaLearners.byId("protonet")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("protonet").hasMessageContaining("leap");
    }
}
