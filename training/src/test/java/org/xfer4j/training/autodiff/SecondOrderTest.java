package org.xfer4j.training.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xfer4j.runtime.onnx.graph.TensorProtos;

/**
 * Gradient graphs are themselves differentiable: the Hessian-vector product of a cross-entropy loss, got by
 * differentiating (gradient . v), matches central finite differences of the gradient along v: an MLP in float64, and
 * a small CNN (conv, batch norm, ReLU, max pooling: the CNN's backward pass holds ScatterElements, flipped-kernel
 * convs, ConvTranspose and the batch-as-channels weight-gradient conv) in float32, ONNX Runtime's only Conv type.
 */
class SecondOrderTest {

    private static final int F64 = TensorProto.DataType.DOUBLE_VALUE;
    private static final int F32 = TensorProto.DataType.FLOAT_VALUE;

    @Test
    void hessianVectorProductMatchesFiniteDifferencesOfGradients() throws Exception {
        check(TinyNets.mlp(F64, 4, 5, 3, 11), F64, new long[] {6, 4}, new long[] {0, 1, 2, 2, 1, 0}, 1e-5, 1e-6, 0);
    }

    @Test
    void cnnHessianVectorProductMatchesFiniteDifferencesOfGradients() throws Exception {
        // a batch of 5, not the probe batch of 3: the weight-gradient conv carries the batch in its kernel's shape,
        // and its own rules must not write the probed size into the graph. Float32 central differences with h = 1e-3
        // (small enough that no ReLU or pooling window switches; 1e-2 does switch some) measured within 2e-5 of
        // products up to 1.3 in size, so 3e-4 leaves room for rounding only
        check(TinyNets.cnn(3, 4), F32, new long[] {5, 2, 6, 6}, new long[] {0, 1, 2, 2, 1}, 1e-3, 3e-4, 0.01, false);
    }

    /**
     * The same CNN with its batch norm normalising by the batch's statistics (meta-learning's inner loops): the
     * mean, variance, square root and division it is written in differentiate twice.
     */
    @Test
    void batchStatisticsHessianVectorProductMatchesFiniteDifferencesOfGradients() throws Exception {
        check(TinyNets.cnn(3, 4), F32, new long[] {5, 2, 6, 6}, new long[] {0, 1, 2, 2, 1}, 1e-3, 3e-4, 0.01, true);
    }

    private static void check(org.xfer4j.runtime.onnx.graph.OnnxGraph net, int type, long[] input, long[] labels,
            double h, double absolute, double relative) throws Exception {
        check(net, type, input, labels, h, absolute, relative, false);
    }

    private static void check(org.xfer4j.runtime.onnx.graph.OnnxGraph net, int type, long[] input, long[] labels,
            double h, double absolute, double relative, boolean batchStatistics) throws Exception {
        TrainingStep step = TrainingStep.of(net).batchStatistics(batchStatistics).build();
        assertThat(step.batchStatistics()).as("named batch statistics").hasSize(batchStatistics ? 1 : 0);
        HessianVectorProduct.Result hvp = HessianVectorProduct.of(step);

        Random rng = new Random(5);
        Map<String, OrtValues.Value> in = new LinkedHashMap<>();
        in.put("x", value(rng, input));
        for (TrainingStep.Parameter p : step.parameters()) {
            TensorProto init = step.forward().model().getGraph().getInitializerList().stream()
                    .filter(t -> t.getName().equals(p.name())).findFirst().orElseThrow();
            in.put(p.name(), new OrtValues.Value(TensorProtos.toDoubles(init), p.shape()));
            in.put(hvp.vectors().get(p.name()), value(rng, p.shape()));
        }
        Map<String, long[]> feedLabels = Map.of(TrainingStep.LABELS, labels);
        Map<String, double[]> exact;
        try (OrtValues run = new OrtValues(hvp.model().toByteArray(), type)) {
            exact = run.run(in, feedLabels);
        }
        try (OrtValues grads = new OrtValues(step.gradientModel().toByteArray(), type)) {
            Map<String, double[]> gUp = grads.run(shifted(in, step, hvp, h), feedLabels);
            Map<String, double[]> gDown = grads.run(shifted(in, step, hvp, -h), feedLabels);
            double norm = 0;
            for (TrainingStep.Parameter p : step.parameters()) {
                double[] a = exact.get(hvp.products().get(p.name()));
                double[] plus = gUp.get(p.gradient());
                double[] minus = gDown.get(p.gradient());
                for (int i = 0; i < a.length; i++) {
                    double numeric = (plus[i] - minus[i]) / (2 * h);
                    assertThat(a[i]).as("Hv for %s[%d]", p.name(), i)
                            .isCloseTo(numeric, within(absolute + relative * Math.abs(numeric)));
                    norm += a[i] * a[i];
                }
            }
            assertThat(norm).as("the Hessian-vector product is not trivially zero").isGreaterThan(1e-4);
        }
    }

    private static Map<String, OrtValues.Value> shifted(Map<String, OrtValues.Value> in, TrainingStep step,
            HessianVectorProduct.Result hvp, double h) {
        Map<String, OrtValues.Value> out = new LinkedHashMap<>();
        out.put("x", in.get("x"));
        for (TrainingStep.Parameter p : step.parameters()) {
            double[] theta = in.get(p.name()).data().clone();
            double[] v = in.get(hvp.vectors().get(p.name())).data();
            for (int i = 0; i < theta.length; i++) {
                theta[i] += h * v[i];
            }
            out.put(p.name(), new OrtValues.Value(theta, p.shape()));
        }
        return out;
    }

    private static OrtValues.Value value(Random rng, long... shape) {
        double[] d = new double[(int) org.xfer4j.api.data.Tensor.elementCount(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextDouble() * 2 - 1;
        }
        return new OrtValues.Value(d, shape);
    }
}
