package org.xfer4j.bench.metamodel;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;
import org.xfer4j.training.autodiff.ReverseMode;

/**
 * bnn's variational objective as an ONNX graph differentiated by the training engine: the same network (ReLU
 * hidden layers, mean-field Gaussian weights and biases drawn as mu + softplus(rho) * eps from noise inputs),
 * mean cross-entropy of the batch plus klWeight * KL(q || prior), with the gradient of every mu and rho as outputs.
 * Inputs: x [B, d], onehot [B, K], klw (scalar: KL weight / training size) and per layer l the tensors
 * mu.w{l}, rho.w{l}, eps.w{l} [out, in] and mu.b{l}, rho.b{l}, eps.b{l} [out].
 */
final class VariationalStepGraph {

    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    /** The differentiated model and the gradient output of each mu/rho input. */
    record Built(ModelProto model, Map<String, String> gradients, List<String> parameters) {
    }

    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> constants = new ArrayList<>();
    private int counter;

    private VariationalStepGraph() {
    }

    /** The graph for layer {@code sizes} (features, hidden..., classes), batch {@code batch}, prior sigma per layer. */
    static Built build(int[] sizes, int batch, double[] priorSigma) {
        return new VariationalStepGraph().assemble(sizes, batch, priorSigma);
    }

    private Built assemble(int[] sizes, int batch, double[] priorSigma) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("bnn-step");
        int k = sizes[sizes.length - 1];
        g.addInput(ValueInfos.tensor("x", FLOAT, new long[] {batch, sizes[0]}));
        g.addInput(ValueInfos.tensor("onehot", FLOAT, new long[] {batch, k}));
        g.addInput(ValueInfos.tensor("klw", FLOAT, new long[0]));
        Map<String, long[]> shapes = new HashMap<>();
        shapes.put("x", new long[] {batch, sizes[0]});
        shapes.put("onehot", new long[] {batch, k});
        shapes.put("klw", new long[0]);
        List<String> parameters = new ArrayList<>();
        List<String> klParts = new ArrayList<>();
        String h = "x";
        for (int l = 0; l + 1 < sizes.length; l++) {
            long[][] dims = {{sizes[l + 1], sizes[l]}, {sizes[l + 1]}};
            String[] kinds = {"w", "b"};
            String[] drawn = new String[2];
            for (int p = 0; p < 2; p++) {
                String suffix = kinds[p] + l;
                for (String role : new String[] {"mu.", "rho.", "eps."}) {
                    g.addInput(ValueInfos.tensor(role + suffix, FLOAT, dims[p]));
                    shapes.put(role + suffix, dims[p]);
                }
                parameters.add("mu." + suffix);
                parameters.add("rho." + suffix);
                String sigma = op("Log", op("Add", op("Exp", "rho." + suffix), scalar(1)));
                drawn[p] = op("Add", "mu." + suffix, op("Mul", sigma, "eps." + suffix));
                double s2 = priorSigma[l] * priorSigma[l];
                // log(s_p / s) + (s^2 + mu^2) / (2 s_p^2) - 1/2, summed
                String quad = op("Mul", op("Add", op("Mul", sigma, sigma), op("Mul", "mu." + suffix, "mu." + suffix)),
                        scalar(1 / (2 * s2)));
                String perWeight = op("Add", op("Sub", quad, op("Log", sigma)),
                        scalar(Math.log(priorSigma[l]) - 0.5));
                klParts.add(op("ReduceSum", List.of(perWeight), Attributes.of("keepdims", 0L)));
            }
            String a = op("Gemm", List.of(h, drawn[0], drawn[1]), Attributes.of("transB", 1L));
            h = l + 2 < sizes.length ? op("Relu", a) : a;
        }
        String logp = op("LogSoftmax", List.of(h), Attributes.of("axis", -1L));
        String nll = op("Mul", op("ReduceSum", List.of(op("Mul", "onehot", logp)), Attributes.of("keepdims", 0L)),
                scalar(-1.0 / batch));
        String kl = op("Sum", klParts.toArray(String[]::new));
        nodes.add(Attributes.node("Add", "loss", List.of(nll, op("Mul", "klw", kl)), List.of("loss")));
        g.addAllNode(nodes).addAllInitializer(constants).addOutput(ValueInfos.tensor("loss", FLOAT, new long[0]));
        ModelProto model = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
        ReverseMode.Result r = ReverseMode.differentiate(model, "loss", parameters, shapes);
        return new Built(r.model(), r.gradients(), parameters);
    }

    private String op(String type, String... inputs) {
        return op(type, List.of(inputs));
    }

    private String op(String type, List<String> inputs, ai.onnx.proto.OnnxMl.AttributeProto... attributes) {
        String out = "t" + counter++;
        NodeProto n = Attributes.node(type, out, inputs, List.of(out));
        for (ai.onnx.proto.OnnxMl.AttributeProto a : attributes) {
            n = Attributes.with(n, a);
        }
        nodes.add(n);
        return out;
    }

    private String scalar(double v) {
        String name = "c" + counter++;
        constants.add(TensorProtos.scalar(name, FLOAT, v));
        return name;
    }
}
