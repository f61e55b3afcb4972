package org.xfer4j.runtime.onnx.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * Gradient graphs are themselves differentiable: the Hessian-vector product of an MLP's cross-entropy loss, got by
 * differentiating (gradient . v), matches central finite differences of the gradient along v (float64).
 */
class SecondOrderTest {

    private static final int F64 = TensorProto.DataType.DOUBLE_VALUE;

    @Test
    void hessianVectorProductMatchesFiniteDifferencesOfGradients() throws Exception {
        TrainingStep step = TrainingStep.of(TinyNets.mlp(F64, 4, 5, 3, 11)).keepGradients(true).build();
        List<String> params = step.parameters().stream().map(TrainingStep.Parameter::name).toList();
        // the loss and gradient part of the step graph, parameters as inputs
        ModelProto grads = step.model();
        GraphProto.Builder g = grads.getGraph().toBuilder();
        List<String> products = new ArrayList<>();
        Map<String, long[]> shapes = new HashMap<>();
        shapes.put("x", new long[] {6, 4});
        shapes.put(TrainingStep.LABELS, new long[] {6});
        for (TrainingStep.Parameter p : step.parameters()) {
            String v = "v." + p.name();
            g.addInput(ValueInfos.tensor(v, F64, p.shape()));
            g.addNode(Attributes.node("Mul", "hv.mul." + p.name(), List.of(p.gradient(), v), List.of("hv.m." + p.name())));
            g.addNode(Attributes.node("ReduceSum", "hv.sum." + p.name(), List.of("hv.m." + p.name()),
                    List.of("hv.s." + p.name()), Attributes.of("keepdims", 0L)));
            products.add("hv.s." + p.name());
            shapes.put(p.name(), p.shape());
            shapes.put(v, p.shape());
        }
        g.addNode(Attributes.node("Sum", "hv.total", products, List.of("gv")));
        g.clearOutput().addOutput(ValueInfos.tensor("gv", F64, new long[0]));
        for (TrainingStep.Parameter p : step.parameters()) {
            g.addOutput(ValueInfos.tensor(p.gradient(), F64, p.shape()));
        }
        ModelProto gv = grads.toBuilder().setGraph(g).build();
        ReverseMode.Result hvp = ReverseMode.differentiate(gv, "gv", params, shapes);

        Random rng = new Random(5);
        Map<String, OrtValues.Value> in = new LinkedHashMap<>();
        in.put("x", value(rng, 6, 4));
        in.put(TrainingStep.learningRateInput("default"), new OrtValues.Value(new double[] {0}, new long[0]));
        for (TrainingStep.Parameter p : step.parameters()) {
            in.put(p.name(), new OrtValues.Value(TensorProtos.toDoubles(step.forward().model().getGraph()
                    .getInitializerList().stream().filter(t -> t.getName().equals(p.name())).findFirst()
                    .orElseThrow()), p.shape()));
            in.put("v." + p.name(), value(rng, p.shape()));
        }
        Map<String, long[]> labels = Map.of(TrainingStep.LABELS, new long[] {0, 1, 2, 2, 1, 0});
        double h = 1e-5;
        try (OrtValues run = new OrtValues(hvp.model().toByteArray(), F64)) {
            Map<String, double[]> exact = run.run(in, labels);
            Map<String, OrtValues.Value> up = shifted(in, step, h);
            Map<String, OrtValues.Value> down = shifted(in, step, -h);
            Map<String, double[]> gUp = run.run(up, labels);
            Map<String, double[]> gDown = run.run(down, labels);
            double norm = 0;
            for (TrainingStep.Parameter p : step.parameters()) {
                double[] a = exact.get(hvp.gradients().get(p.name()));
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
            double h) {
        Map<String, OrtValues.Value> out = new LinkedHashMap<>(in);
        for (TrainingStep.Parameter p : step.parameters()) {
            double[] theta = in.get(p.name()).data().clone();
            double[] v = in.get("v." + p.name()).data();
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
