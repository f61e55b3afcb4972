package org.xfer4j.meta.nets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.DType;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.LossAndGradient;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.runtime.onnx.graph.LayerSpec.ActivationKind;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.model.TensorsPreprocessor;
import org.xfer4j.training.OnnxDifferentiableModel;

/** The net builder's MLP and few-shot CNN: their layout, initialisation, and gradients the engine can take. */
class NetsTest {

    @Test
    void sineMlpHasXavierWeightsAndZeroBiases() {
        OnnxGraph net = Nets.parse("mlp:1-64-64-1:tanh", 7);
        assertThat(net.trainableParameters()).containsExactly("dense_1.weight", "dense_1.bias", "dense_2.weight",
                "dense_2.bias", "dense_3.weight", "dense_3.bias");
        assertThat(net.parameter("dense_2.weight").shape()).containsExactly(64, 64);
        float bound = (float) Math.sqrt(6.0 / (64 + 64));
        float max = 0;
        for (float v : net.parameter("dense_2.weight").floats()) {
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.9f * bound);
        assertThat(net.parameter("dense_1.bias").floats()).containsOnly(0f);
        assertThat(Nets.parse("mlp:1-64-64-1:tanh", 7).parameter("dense_1.weight"))
                .as("seeded").isEqualTo(net.parameter("dense_1.weight"));
    }

    @Test
    void fewShotCnnGradientMatchesFiniteDifferences() {
        OnnxGraph cnn = Nets.fewShotCnn(1, 28, 4, 8, 5, 3);
        Random rng = new Random(1);
        List<Sample> samples = new ArrayList<>();
        int[] labels = new int[6];
        for (int i = 0; i < labels.length; i++) {
            float[] pixels = new float[28 * 28];
            for (int k = 0; k < pixels.length; k++) {
                pixels[k] = (float) rng.nextGaussian();
            }
            samples.add(new Sample.Tensors(Map.of(Nets.INPUT, Tensor.ofFloats(pixels, 1, 28, 28))));
            labels[i] = i % 5;
        }
        var batch = new InMemoryDataset("noise", List.of("a", "b", "c", "d", "e"), samples, labels);
        try (OnnxDifferentiableModel m = new OnnxDifferentiableModel(cnn, new TensorsPreprocessor("cnn",
                List.of(new InputSpec(Nets.INPUT, DType.FLOAT32, List.of(1L, 28L, 28L)))), ProviderContext.defaults())) {
            Parameters theta = m.initialParameters();
            assertThat(theta.tensors()).containsKeys("conv_1.weight", "bn_4.scale", "head.weight");
            assertThat(m.outputs(theta, batch).shape()).containsExactly(6, 5);
            LossAndGradient lg = m.lossAndGradient(theta, batch);
            // the directional derivative along the unit gradient, |g|, against central differences
            double squared = 0;
            for (Tensor g : lg.gradient().tensors().values()) {
                for (float v : g.floats()) {
                    squared += (double) v * v;
                }
            }
            double norm = Math.sqrt(squared);
            double h = 1e-3 / norm;
            Map<String, Tensor> up = new HashMap<>();
            Map<String, Tensor> down = new HashMap<>();
            for (var e : theta.tensors().entrySet()) {
                float[] g = lg.gradient().tensors().get(e.getKey()).floats();
                float[] a = e.getValue().floats().clone();
                float[] b = e.getValue().floats().clone();
                for (int i = 0; i < g.length; i++) {
                    a[i] += (float) (h * g[i]);
                    b[i] -= (float) (h * g[i]);
                }
                up.put(e.getKey(), Tensor.ofFloats(a, e.getValue().shape()));
                down.put(e.getKey(), Tensor.ofFloats(b, e.getValue().shape()));
            }
            double numeric = (m.lossAndGradient(new Parameters(up), batch).loss()
                    - m.lossAndGradient(new Parameters(down), batch).loss()) / (2 * h * norm);
            assertThat(norm).isGreaterThan(1e-2);
            assertThat(numeric).isCloseTo(norm, within(0.03 * norm));
        }
    }

    @Test
    void badSpecsAreNamed() {
        assertThatThrownBy(() -> Nets.parse("mlp:1-x-1", 1)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("mlp:1-x-1");
        assertThatThrownBy(() -> Nets.parse("rnn:3", 1)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("rnn:3");
        assertThatThrownBy(() -> Nets.fewShotCnn(1, 8, 4, 8, 5, 1)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("below one pixel");
        assertThatThrownBy(() -> Nets.mlp(new int[] {1, 0, 1}, ActivationKind.RELU, 1))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("> 0");
    }
}
