package org.xfer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.LossAndGradient;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.model.Preprocessor;

/** The MLP as a differentiable model, as meta-learners use it: an inner loop and second derivatives. */
class OnnxDifferentiableModelTest {

    private static final Preprocessor STACK = batch -> {
        float[] x = new float[batch.size() * Toy.FEATURES];
        for (int i = 0; i < batch.size(); i++) {
            float[] row = ((Sample.Tensors) batch.get(i)).inputs().get("x").floats();
            System.arraycopy(row, 0, x, i * Toy.FEATURES, Toy.FEATURES);
        }
        return Map.of("x", Tensor.ofFloats(x, batch.size(), Toy.FEATURES));
    };

    private static Dataset task() {
        Toy.Data d = Toy.blobs(24, 3);
        List<Sample> samples = new ArrayList<>();
        int[] labels = new int[d.y().length];
        for (int i = 0; i < labels.length; i++) {
            float[] row = java.util.Arrays.copyOfRange(d.x(), i * Toy.FEATURES, (i + 1) * Toy.FEATURES);
            samples.add(new Sample.Tensors(Map.of("x", Tensor.ofFloats(row, Toy.FEATURES))));
            labels[i] = (int) d.y()[i];
        }
        return new InMemoryDataset("blobs", List.of("a", "b", "c"), samples, labels);
    }

    private static Parameters step(Parameters p, Parameters direction, double size) {
        Map<String, Tensor> out = new HashMap<>();
        p.tensors().forEach((name, t) -> {
            float[] v = t.floats().clone();
            float[] d = direction.tensors().get(name).floats();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (size * d[i]);
            }
            out.put(name, Tensor.ofFloats(v, t.shape()));
        });
        return new Parameters(out);
    }

    @Test
    void innerLoopLowersTheLossAndHessianMatchesGradientDifferences() {
        Dataset task = task();
        try (OnnxDifferentiableModel m = new OnnxDifferentiableModel(Toy.mlp(2), STACK, ProviderContext.defaults())) {
            assertThat(m.supportsSecondOrder()).isTrue();
            Parameters theta = m.initialParameters();
            assertThat(theta.tensors().keySet()).containsExactly("w1", "b1", "w2", "b2");
            LossAndGradient first = m.lossAndGradient(theta, task);
            Parameters adapted = theta;
            for (int i = 0; i < 5; i++) {
                adapted = step(adapted, m.lossAndGradient(adapted, task).gradient(), -0.5);
            }
            assertThat(m.lossAndGradient(adapted, task).loss()).isLessThan(first.loss() * 0.8);

            Parameters v = first.gradient();
            Parameters hv = m.hessianVectorProduct(theta, task, v);
            double h = 1e-2;
            Parameters up = m.lossAndGradient(step(theta, v, h), task).gradient();
            Parameters down = m.lossAndGradient(step(theta, v, -h), task).gradient();
            for (String name : List.of("w2", "b2")) {
                float[] exact = hv.tensors().get(name).floats();
                float[] plus = up.tensors().get(name).floats();
                float[] minus = down.tensors().get(name).floats();
                for (int i = 0; i < exact.length; i++) {
                    assertThat((double) exact[i]).as("Hv %s[%d]", name, i)
                            .isCloseTo((plus[i] - minus[i]) / (2 * h), within(2e-3 + 0.02 * Math.abs(exact[i])));
                }
            }
            assertThat(m.predict(adapted, task).probabilities()[0]).hasSize(3);
        }
    }
}
