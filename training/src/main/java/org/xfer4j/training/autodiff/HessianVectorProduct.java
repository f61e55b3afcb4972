package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * The product of the loss Hessian with a vector, by differentiating the gradient graph a second time:
 * Hv = d(g(theta) . v)/d theta. Inputs: those of {@link TrainingStep#gradientModel()} plus one vector per parameter
 * ({@code "v." + name}); outputs: one product per parameter.
 */
public final class HessianVectorProduct {

    /** The graph, the vector input and the product output of every parameter. */
    public record Result(ModelProto model, Map<String, String> vectors, Map<String, String> products) {
    }

    private HessianVectorProduct() {
    }

    /** Builds the Hessian-vector product graph of {@code step}'s loss with respect to its parameters. */
    public static Result of(TrainingStep step) {
        ModelProto grads = step.gradientModel();
        GraphProto.Builder g = grads.getGraph().toBuilder().clearOutput();
        Emitter e = new Emitter("xfer4j.hv/");
        Map<String, long[]> shapes = new HashMap<>(step.probeShapes());
        Map<String, String> vectors = new LinkedHashMap<>();
        List<String> dots = new ArrayList<>();
        int elem = grads.getGraph().getOutput(0).getType().getTensorType().getElemType();
        for (TrainingStep.Parameter p : step.parameters()) {
            String v = "v." + p.name();
            vectors.put(p.name(), v);
            shapes.put(v, p.shape());
            g.addInput(ValueInfos.tensor(v, elem, p.shape()));
            dots.add(e.op("ReduceSum", List.of(e.mul(p.gradient(), v)), Attributes.of("keepdims", 0L)));
        }
        e.node("Sum", dots, List.of("xfer4j.hv.gv"));
        g.addAllNode(e.nodes()).addAllInitializer(e.constants())
                .addOutput(ValueInfos.tensor("xfer4j.hv.gv", elem, new long[0]));
        List<String> params = step.parameters().stream().map(TrainingStep.Parameter::name).toList();
        ReverseMode.Result second = ReverseMode.differentiate(grads.toBuilder().setGraph(g).build(), "xfer4j.hv.gv",
                params, shapes);
        GraphProto.Builder out = second.model().getGraph().toBuilder();
        out.removeOutput(0);
        return new Result(second.model().toBuilder().setGraph(out).build(), vectors, second.gradients());
    }
}
