package org.xfer4j.meta.learners;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.ValueInfos;
import org.xfer4j.training.autodiff.ReverseMode;
import org.xfer4j.training.autodiff.TrainingStep;

/**
 * A task's whole inner loop as one ONNX graph: the engine's loss-and-gradient graph inlined once per SGD step
 * (theta_{i+1} = theta_i - lr * g_i), then forward passes for the final support loss and the query losses, and where
 * asked the query gradient at the adapted parameters or, differentiated through the whole unrolled loop, at the
 * initialisation (second-order MAML). One ONNX Runtime call then adapts a task, instead of one call per step.
 */
final class UnrolledGraph {

    static final String SUPPORT_X = "support.x";
    static final String SUPPORT_Y = "support.y";
    static final String QUERY_X = "query.x";
    static final String QUERY_Y = "query.y";
    static final String LR = "inner.lr";

    final ModelProto model;
    final List<String> parameters;
    final List<String> adapted;
    final List<String> losses = new ArrayList<>();
    final List<List<String>> trajectory = new ArrayList<>();
    final List<List<String>> gradients = new ArrayList<>();
    String queryBefore;
    String queryAfter;
    String queryPrediction;
    List<String> outerGradient;

    private final GraphProto source;
    private final Set<String> constants = new HashSet<>();
    private final GraphProto.Builder out;
    private final String input;
    private final TrainingStep step;
    private int copies;

    private UnrolledGraph(TrainingStep step, String input, int steps, int supportSize, int querySize,
            Set<Need> needs) {
        boolean withQuery = querySize > 0;
        this.step = step;
        this.input = input;
        this.source = step.gradientModel().getGraph();
        source.getInitializerList().forEach(t -> constants.add(t.getName()));
        this.parameters = step.parameters().stream().map(TrainingStep.Parameter::name).toList();
        int elem = TensorProto.DataType.FLOAT_VALUE; // the api's tensors are float32
        out = GraphProto.newBuilder().setName("unrolled-inner-loop").addAllInitializer(source.getInitializerList());
        ValueInfoProto x = declared(input);
        ValueInfoProto y = declared(TrainingStep.LABELS);
        out.addInput(batch(x, SUPPORT_X, supportSize)).addInput(batch(y, SUPPORT_Y, supportSize));
        if (withQuery) {
            out.addInput(batch(x, QUERY_X, querySize)).addInput(batch(y, QUERY_Y, querySize));
        }
        for (String p : parameters) {
            out.addInput(declared(p));
        }
        out.addInput(ValueInfos.tensor(LR, elem, new long[0]));

        boolean keep = needs.contains(Need.TRAJECTORY);
        List<String> current = parameters;
        for (int i = 0; i < steps; i++) {
            List<String> wanted = new ArrayList<>(List.of(TrainingStep.LOSS));
            step.parameters().forEach(p -> wanted.add(p.gradient()));
            Map<String, String> names = inline(SUPPORT_X, SUPPORT_Y, current, wanted);
            losses.add(names.get(TrainingStep.LOSS));
            List<String> next = new ArrayList<>();
            List<String> grads = new ArrayList<>();
            for (int k = 0; k < parameters.size(); k++) {
                String g = names.get(step.parameters().get(k).gradient());
                grads.add(g);
                String scaled = "u.step" + i + "/lr*" + parameters.get(k);
                String updated = "u.step" + i + "/theta." + parameters.get(k);
                out.addNode(Attributes.node("Mul", scaled, List.of(g, LR), List.of(scaled)));
                out.addNode(Attributes.node("Sub", updated, List.of(current.get(k), scaled), List.of(updated)));
                next.add(updated);
            }
            if (keep) {
                gradients.add(grads);
                trajectory.add(current);
            }
            current = next;
        }
        if (keep) {
            trajectory.add(current);
        }
        adapted = current;
        losses.add(inline(SUPPORT_X, SUPPORT_Y, current, List.of(TrainingStep.LOSS)).get(TrainingStep.LOSS));
        if (withQuery) {
            queryBefore = inline(QUERY_X, QUERY_Y, parameters, List.of(TrainingStep.LOSS)).get(TrainingStep.LOSS);
            List<String> wanted = new ArrayList<>(List.of(TrainingStep.LOSS, step.prediction()));
            if (needs.contains(Need.QUERY_GRADIENT)) {
                step.parameters().forEach(p -> wanted.add(p.gradient()));
            }
            Map<String, String> names = inline(QUERY_X, QUERY_Y, current, wanted);
            queryAfter = names.get(TrainingStep.LOSS);
            queryPrediction = names.get(step.prediction());
            if (needs.contains(Need.QUERY_GRADIENT)) {
                outerGradient = step.parameters().stream().map(p -> names.get(p.gradient())).toList();
            }
        }
        for (String name : outputs()) {
            out.addOutput(ValueInfos.tensor(name, elem, null));
        }
        ModelProto m = step.gradientModel().toBuilder().setGraph(out).build();
        if (withQuery && needs.contains(Need.META_GRADIENT)) {
            ReverseMode.Result r = ReverseMode.differentiate(m, queryAfter, parameters,
                    probeShapes(supportSize, querySize));
            outerGradient = parameters.stream().map(r.gradients()::get).toList();
            m = r.model();
        }
        this.model = m;
    }

    /**
     * Builds the inner loop of {@code steps} SGD steps of {@code step}'s loss for support and query sets of fixed
     * sizes ({@code querySize} 0: no query set). Fixed sizes let ONNX Runtime fold every shape computation of the
     * loss and its gradient into constants, a third of the nodes of a small net's step.
     */
    static UnrolledGraph build(TrainingStep step, String input, int steps, int supportSize, int querySize,
            Set<Need> needs) {
        return new UnrolledGraph(step, input, steps, supportSize, querySize, needs);
    }

    private List<String> outputs() {
        Set<String> names = new java.util.LinkedHashSet<>(adapted);
        names.addAll(losses);
        trajectory.forEach(names::addAll);
        gradients.forEach(names::addAll);
        if (queryAfter != null) {
            names.add(queryBefore);
            names.add(queryAfter);
            names.add(queryPrediction);
        }
        if (outerGradient != null) {
            names.addAll(outerGradient);
        }
        names.removeAll(parameters);
        return List.copyOf(names);
    }

    /** {@code v} renamed, with a batch dimension of {@code size}. */
    private static ValueInfoProto batch(ValueInfoProto v, String name, int size) {
        ValueInfoProto.Builder b = v.toBuilder().setName(name);
        b.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0).clearDimParam()
                .setDimValue(size);
        return b.build();
    }

    private ValueInfoProto declared(String name) {
        return source.getInputList().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private long[] sized(String name, int batch) {
        long[] d = ValueInfos.dims(declared(name)).clone();
        d[0] = batch;
        return d;
    }

    /** The shapes of every input, for differentiating the unrolled loop. */
    private Map<String, long[]> probeShapes(int supportSize, int querySize) {
        Map<String, long[]> shapes = new HashMap<>();
        shapes.put(SUPPORT_X, sized(input, supportSize));
        shapes.put(SUPPORT_Y, sized(TrainingStep.LABELS, supportSize));
        shapes.put(QUERY_X, sized(input, querySize));
        shapes.put(QUERY_Y, sized(TrainingStep.LABELS, querySize));
        step.parameters().forEach(p -> shapes.put(p.name(), p.shape()));
        shapes.put(LR, new long[0]);
        return shapes;
    }

    /**
     * Adds a copy of the gradient graph, reduced to what {@code wanted} needs, reading data {@code x}, labels
     * {@code y} and parameters {@code theta}; returns the new name of each wanted tensor.
     */
    private Map<String, String> inline(String x, String y, List<String> theta, List<String> wanted) {
        String prefix = "u.copy" + (copies++) + "/";
        Map<String, String> bound = new HashMap<>();
        bound.put(input, x);
        bound.put(TrainingStep.LABELS, y);
        for (int k = 0; k < parameters.size(); k++) {
            bound.put(parameters.get(k), theta.get(k));
        }
        Set<String> needed = new HashSet<>(wanted);
        List<NodeProto> kept = new ArrayList<>();
        List<NodeProto> nodes = source.getNodeList();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto n = nodes.get(i);
            if (n.getOutputList().stream().anyMatch(needed::contains)) {
                kept.add(n);
                needed.addAll(n.getInputList());
            }
        }
        java.util.Collections.reverse(kept);
        for (NodeProto n : kept) {
            NodeProto.Builder b = n.toBuilder().clearInput().clearOutput().setName(prefix + n.getName());
            n.getInputList().forEach(in -> b.addInput(rename(in, prefix, bound)));
            n.getOutputList().forEach(o -> b.addOutput(o.isEmpty() ? o : prefix + o));
            out.addNode(b);
        }
        Map<String, String> names = new LinkedHashMap<>();
        wanted.forEach(w -> names.put(w, rename(w, prefix, bound)));
        return names;
    }

    private String rename(String name, String prefix, Map<String, String> bound) {
        if (name.isEmpty() || constants.contains(name)) {
            return name;
        }
        return bound.getOrDefault(name, prefix + name);
    }
}
