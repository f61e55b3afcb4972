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
 * Gradient graphs are themselves differentiable: the Hessian-vector product of an MLP's cross-entropy loss, got by
 * differentiating (gradient . v), matches central finite differences of the gradient along v (float64).
 */
class SecondOrderTest {

    private static final int F64 = TensorProto.DataType.DOUBLE_VALUE;

    @Test
    void hessianVectorProductMatchesFiniteDifferencesOfGradients() throws Exception {
        TrainingStep step = TrainingStep.of(TinyNets.mlp(F64, 4, 5, 3, 11)).build();
        HessianVectorProduct.Result hvp = HessianVectorProduct.of(step);

        Random rng = new Random(5);
        Map<String, OrtValues.Value> in = new LinkedHashMap<>();
        in.put("x", value(rng, 6, 4));
        for (TrainingStep.Parameter p : step.parameters()) {
            in.put(p.name(), new OrtValues.Value(TensorProtos.toDoubles(step.forward().model().getGraph()
                    .getInitializerList().stream().filter(t -> t.getName().equals(p.name())).findFirst()
                    .orElseThrow()), p.shape()));
            in.put(hvp.vectors().get(p.name()), value(rng, p.shape()));
        }
        Map<String, long[]> labels = Map.of(TrainingStep.LABELS, new long[] {0, 1, 2, 2, 1, 0});
        double h = 1e-5;
        Map<String, double[]> exact;
        try (OrtValues run = new OrtValues(hvp.model().toByteArray(), F64)) {
            exact = run.run(in, labels);
        }
        try (OrtValues grads = new OrtValues(step.gradientModel().toByteArray(), F64)) {
            Map<String, double[]> gUp = grads.run(shifted(in, step, hvp, h), labels);
            Map<String, double[]> gDown = grads.run(shifted(in, step, hvp, -h), labels);
            double norm = 0;
            for (TrainingStep.Parameter p : step.parameters()) {
                double[] a = exact.get(hvp.products().get(p.name()));
                double[] plus = gUp.get(p.gradient());
                double[] minus = gDown.get(p.gradient());
                for (int i = 0; i < a.length; i++) {
                    double numeric = (plus[i] - minus[i]) / (2 * h);
                    assertThat(a[i]).as("Hv for %s[%d]", p.name(), i).isCloseTo(numeric, within(1e-6));
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
