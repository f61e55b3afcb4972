package org.xfer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.training.autodiff.Loss;
import org.xfer4j.training.autodiff.Optimizer;
import org.xfer4j.training.autodiff.TrainingStep;

class TrainingSessionTest {

    private static final Toy.Data DATA = Toy.blobs(30, 1);
    private static OnnxTensor x;
    private static OnnxTensor y;

    @BeforeAll
    static void tensors() throws Exception {
        x = OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(DATA.x()), new long[] {30, 4});
        y = OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(DATA.y()), new long[] {30});
    }

    @AfterAll
    static void close() {
        x.close();
        y.close();
    }

    private static TrainingSession session(Optimizer o, boolean dropout) {
        TrainingStep step = TrainingStep.of(Toy.mlp(4)).optimizer(o).trainingDropout(dropout).build();
        return new TrainingSession(step, ProviderContext.defaults());
    }

    private static double loss(TrainingSession s) {
        return s.run(Map.of("x", x), y, Map.of("default", 0.0)).loss();
    }

    @Test
    void sgdStepFollowsTheFiniteDifferenceGradient() {
        try (TrainingSession s = session(new Optimizer.Sgd(0, 0), false)) {
            Map<String, Tensor> start = s.parameters();
            s.run(Map.of("x", x), y, Map.of("default", 0.5));
            float[] after = s.parameters().get("w2").floats();
            float[] before = start.get("w2").floats();
            for (int i : new int[] {0, 7, 20, 47}) {
                double h = 1e-2;
                double up = lossAt(s, start, "w2", i, h);
                double down = lossAt(s, start, "w2", i, -h);
                double numeric = (up - down) / (2 * h);
                assertThat((before[i] - after[i]) / 0.5).as("w2[%d]", i).isCloseTo(numeric, within(2e-3));
            }
        }
    }

    private static double lossAt(TrainingSession s, Map<String, Tensor> start, String name, int i, double h) {
        Map<String, Tensor> p = new java.util.HashMap<>(start);
        float[] v = start.get(name).floats().clone();
        v[i] += (float) h;
        p.put(name, Tensor.ofFloats(v, start.get(name).shape()));
        s.load(p);
        return loss(s);
    }

    @Test
    void everyOptimiserLearnsTheBlobs() {
        for (Optimizer o : new Optimizer[] {new Optimizer.Sgd(0, 1e-4), new Optimizer.Sgd(0.9, 0),
                Optimizer.Adam.defaults()}) {
            try (TrainingSession s = session(o, false)) {
                double first = loss(s);
                double lr = o instanceof Optimizer.Adam ? 0.05 : 0.1;
                TrainingSession.StepOutput last = null;
                for (int i = 0; i < 60; i++) {
                    last = s.run(Map.of("x", x), y, Map.of("default", lr));
                }
                assertThat(loss(s)).as("%s", o).isLessThan(first * 0.3);
                assertThat(s.steps()).isEqualTo(62);
                assertThat(last.predictionShape()).containsExactly(30, 3);
            }
        }
    }

    @Test
    void meanSquaredErrorIsTheMeanOverElementsAndFalls() throws Exception {
        float[] targets = new float[30 * 3];
        for (int i = 0; i < 30; i++) {
            targets[i * 3 + (int) DATA.y()[i]] = 1;
        }
        TrainingStep step = TrainingStep.of(Toy.mlp(4)).loss(Loss.MEAN_SQUARED_ERROR).trainingDropout(false).build();
        try (TrainingSession s = new TrainingSession(step, ProviderContext.defaults());
                OnnxTensor t = OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(targets),
                        new long[] {30, 3})) {
            TrainingSession.StepOutput first = s.run(Map.of("x", x), t, Map.of("default", 0.5));
            double expected = 0;
            for (int i = 0; i < targets.length; i++) {
                double d = first.prediction()[i] - targets[i];
                expected += d * d / targets.length;
            }
            assertThat(first.loss()).isCloseTo(expected, within(1e-6));
            TrainingSession.StepOutput last = first;
            for (int i = 0; i < 40; i++) {
                last = s.run(Map.of("x", x), t, Map.of("default", 0.5));
            }
            assertThat(last.loss()).isLessThan(first.loss() * 0.5);
        }
    }

    @Test
    void eachParameterGroupHasItsOwnLearningRate() {
        TrainingStep step = TrainingStep.of(Toy.mlp(4)).group("head", p -> p.endsWith("2")).build();
        assertThat(step.groups()).containsExactlyInAnyOrder("head", "default");
        try (TrainingSession s = new TrainingSession(step, ProviderContext.defaults())) {
            Map<String, Tensor> before = s.parameters();
            s.run(Map.of("x", x), y, Map.of("head", 0.5, "default", 0.0));
            assertThat(s.parameters().get("w1")).isEqualTo(before.get("w1"));
            assertThat(s.parameters().get("w2")).isNotEqualTo(before.get("w2"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.run(Map.of("x", x), y, Map.of("head", 0.1)))
                    .hasMessageContaining("no learning rate for parameter group 'default'");
        }
    }

    @Test
    void dropoutDropsOnlyInTraining() {
        try (TrainingSession on = session(Optimizer.Adam.defaults(), true);
                TrainingSession off = session(Optimizer.Adam.defaults(), false)) {
            assertThat(loss(on)).isNotEqualTo(loss(on));
            assertThat(loss(off)).isEqualTo(loss(off));
        }
    }

    @Test
    void trainedGraphCarriesTheNewParameters() {
        try (TrainingSession s = session(new Optimizer.Sgd(0, 0), false)) {
            s.run(Map.of("x", x), y, Map.of("default", 0.5));
            assertThat(s.trainedGraph().parameter("w1")).isEqualTo(s.parameters().get("w1"))
                    .isNotEqualTo(s.step().forward().parameter("w1"));
            assertThat(s.trainedGraph().model().getGraph().getNodeList())
                    .noneMatch(n -> n.getName().startsWith("xfer4j."));
        }
    }
}
