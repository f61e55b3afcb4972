package org.xfer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.training.autodiff.Optimizer;
import org.xfer4j.training.autodiff.TrainingStep;

/** Global gradient-norm clipping: an SGD step at rate 1 moves the parameters by the clipped gradient. */
class GradientClippingTest {

    private static final Toy.Data DATA = Toy.blobs(30, 1);

    /** The L2 norm of the change of every parameter in one SGD step at rate 1 (= the norm of the used gradient). */
    private static double stepNorm(double clip) throws Exception {
        TrainingStep step = TrainingStep.of(Toy.mlp(4)).optimizer(new Optimizer.Sgd(0, 0)).trainingDropout(false)
                .clipNorm(clip).build();
        try (TrainingSession s = new TrainingSession(step, ProviderContext.defaults());
                OnnxTensor x = OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(DATA.x()),
                        new long[] {30, 4});
                OnnxTensor y = OnnxTensor.createTensor(OrtRuntime.environment(), LongBuffer.wrap(DATA.y()),
                        new long[] {30})) {
            Map<String, Tensor> before = s.parameters();
            s.run(Map.of("x", x), y, Map.of("default", 1.0));
            double sum = 0;
            for (Map.Entry<String, Tensor> p : s.parameters().entrySet()) {
                float[] a = p.getValue().floats();
                float[] b = before.get(p.getKey()).floats();
                for (int i = 0; i < a.length; i++) {
                    sum += (a[i] - b[i]) * (double) (a[i] - b[i]);
                }
            }
            return Math.sqrt(sum);
        }
    }

    @Test
    void clipsTheGlobalNormAndLeavesSmallGradientsAlone() throws Exception {
        double free = stepNorm(0);
        assertThat(free).isGreaterThan(0.05);
        assertThat(stepNorm(free / 4)).isCloseTo(free / 4, within(1e-4));
        assertThat(stepNorm(free * 4)).isCloseTo(free, within(1e-5));
    }

    @Test
    void linearScheduleWarmsUpThenDecaysPerStep() {
        LearningRateSchedule s = LearningRateSchedule.parse("linear:0.2");
        // 10 steps, 2 of warm-up: 1/3, 2/3, then 8/8 down to 1/8
        assertThat(s.factor(0, 10, 0, 1)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(s.factor(1, 10, 0, 1)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(s.factor(2, 10, 0, 1)).isEqualTo(1);
        assertThat(s.factor(9, 10, 0, 1)).isCloseTo(1 / 8.0, within(1e-12));
        assertThat(LearningRateSchedule.parse("linear")).isEqualTo(new LearningRateSchedule.Linear(0.1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LearningRateSchedule.parse("linear:1"))
                .hasMessageContaining("warm-up");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingStep.of(Toy.mlp(4)).clipNorm(-1))
                .hasMessageContaining("clipNorm");
    }
}
