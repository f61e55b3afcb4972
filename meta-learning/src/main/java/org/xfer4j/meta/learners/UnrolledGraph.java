package org.xfer4j.meta.learners;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.ShapeProbe;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;
import org.xfer4j.training.autodiff.ReverseMode;
import org.xfer4j.training.autodiff.TrainingStep;

/**
 * A task's whole inner loop as one ONNX graph: a loss-and-gradient graph inlined once per SGD step
 * (theta_{i+1} = theta_i - lr * g_i), then forward passes for the final support loss and the query losses, and where
 * asked the query gradient at the adapted parameters or, differentiated through the whole unrolled loop, at the
 * initialisation (second-order MAML). One ONNX Runtime call then adapts a task, instead of one call per step.
 *
 * <p>Two rewrites keep the graph small, since a small net's step costs per node rather than per flop: the inner
 * steps differentiate lr * loss, so the learning rate enters the backward pass once instead of multiplying every
 * gradient (the update is one Sub per parameter), and with the support and query sizes fixed, every Shape and Size
 * becomes a constant that ONNX Runtime folds together with the arithmetic on it.
 */
final class UnrolledGraph {

    static final String SUPPORT_X = "support.x";
    static final String SUPPORT_Y = "support.y";
    static final String QUERY_X = "query.x";
    static final String QUERY_Y = "query.y";
    static final String LR = "inner.lr";
    private static final String SCALED_LOSS = "xfer4j.lr*loss";
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    /** Output: the support loss before each step and after the last, then the query loss before and after. */
    static final String SCALARS = "u.scalars";
    /** Output: the adapted parameters, flattened and concatenated in parameter order. */
    static final String ADAPTED = "u.adapted";
    /** Output: the outer gradient, flattened like {@link #ADAPTED} (where asked for). */
    static final String OUTER = "u.outer";
    /** Output: Leap's direction for the task, flattened like {@link #ADAPTED} (where asked for). */
    static final String LEAP = "u.leap";
    /**
     * Output, where batch norms normalise by batch statistics: the support set's mean and variance of each batch
     * norm at the adapted parameters, flattened in {@link TrainingStep#batchStatistics} order.
     */
    static final String STATISTICS = "u.statistics";

    final ModelProto model;
    final List<String> parameters;
    /** The query predictions (classification only: accuracy needs them), else null. */
    String queryPrediction;
    final boolean outer;
    final boolean leap;

    private final List<String> losses = new ArrayList<>();
    private final List<List<String>> scaledGradients = new ArrayList<>();
    private List<String> outerGradient;
    private String queryBefore;
    private String queryAfter;

    private final TrainingStep step;
    private final String input;
    private final GraphProto plain;
    private final GraphProto scaled;
    private final Map<String, String> scaledGradientNames;
    private final Set<String> constants = new HashSet<>();
    private final GraphProto.Builder out;
    private final Map<String, long[]> shapes;
    private int copies;

    private UnrolledGraph(TrainingStep step, String input, int steps, int supportSize, int querySize,
            Set<Need> needs, LeapRule leapRule, BatchNormMode batchNorm) {
        this.step = step;
        this.input = input;
        this.plain = step.gradientModel().getGraph();
        this.parameters = step.parameters().stream().map(TrainingStep.Parameter::name).toList();
        this.shapes = probeShapes(supportSize, querySize);
        ReverseMode.Result s = scaledLoss();
        this.scaled = s.model().getGraph();
        this.scaledGradientNames = s.gradients();
        boolean withQuery = querySize > 0;
        // batch norms by batch statistics: the query gradient must also follow them, so it is differentiated here
        boolean byBatch = !step.batchStatistics().isEmpty();
        List<String> statistics = new ArrayList<>();
        step.batchStatistics().forEach(b -> statistics.addAll(List.of(b.mean(), b.variance())));

        out = GraphProto.newBuilder().setName("unrolled-inner-loop");
        for (GraphProto g : List.of(scaled, plain)) {
            for (TensorProto t : g.getInitializerList()) {
                if (constants.add(t.getName())) {
                    out.addInitializer(t);
                }
            }
        }
        ValueInfoProto x = declared(input);
        ValueInfoProto y = declared(TrainingStep.LABELS);
        out.addInput(batch(x, SUPPORT_X, supportSize)).addInput(batch(y, SUPPORT_Y, supportSize));
        if (withQuery) {
            out.addInput(batch(x, QUERY_X, querySize)).addInput(batch(y, QUERY_Y, querySize));
        }
        parameters.forEach(p -> out.addInput(declared(p)));
        out.addInput(ValueInfos.tensor(LR, FLOAT, new long[0]));

        boolean keep = leapRule != null;
        List<String> current = parameters;
        Map<String, String> startStatistics = null;
        for (int i = 0; i < steps; i++) {
            List<String> wanted = new ArrayList<>(List.of(TrainingStep.LOSS));
            parameters.forEach(p -> wanted.add(scaledGradientNames.get(p)));
            if (i == 0) {
                wanted.addAll(statistics);
            }
            Map<String, String> names = inline(scaled, SUPPORT_X, SUPPORT_Y, current, wanted, Map.of());
            if (i == 0) {
                startStatistics = subset(names, statistics);
            }
            losses.add(names.get(TrainingStep.LOSS));
            List<String> next = new ArrayList<>();
            List<String> grads = new ArrayList<>();
            for (int k = 0; k < parameters.size(); k++) {
                String g = names.get(scaledGradientNames.get(parameters.get(k)));
                String updated = "u.step" + i + "/theta." + parameters.get(k);
                out.addNode(Attributes.node("Sub", updated, List.of(current.get(k), g), List.of(updated)));
                grads.add(g);
                next.add(updated);
            }
            if (keep) {
                scaledGradients.add(grads);
            }
            current = next;
        }
        List<String> adapted = current;
        List<String> wantedAfter = new ArrayList<>(List.of(TrainingStep.LOSS));
        wantedAfter.addAll(statistics);
        Map<String, String> after = inline(plain, SUPPORT_X, SUPPORT_Y, current, wantedAfter, Map.of());
        losses.add(after.get(TrainingStep.LOSS));
        Map<String, String> endStatistics = subset(after, statistics);
        if (startStatistics == null) {
            startStatistics = endStatistics;
        }
        // support mode: a query pass normalises by the support set's statistics at the same parameters
        boolean bySupport = byBatch && batchNorm == BatchNormMode.SUPPORT;
        if (withQuery) {
            queryBefore = inline(plain, QUERY_X, QUERY_Y, parameters, List.of(TrainingStep.LOSS),
                    bySupport ? startStatistics : Map.of()).get(TrainingStep.LOSS);
            List<String> wanted = new ArrayList<>(List.of(TrainingStep.LOSS, step.prediction()));
            if (needs.contains(Need.QUERY_GRADIENT) && !byBatch) {
                step.parameters().forEach(p -> wanted.add(p.gradient()));
            }
            Map<String, String> names = inline(plain, QUERY_X, QUERY_Y, current, wanted,
                    bySupport ? endStatistics : Map.of());
            queryAfter = names.get(TrainingStep.LOSS);
            if (step.loss() == org.xfer4j.training.autodiff.Loss.SOFTMAX_CROSS_ENTROPY) {
                queryPrediction = names.get(step.prediction());
            }
            if (needs.contains(Need.QUERY_GRADIENT) && !byBatch) {
                outerGradient = step.parameters().stream().map(p -> names.get(p.gradient())).toList();
            }
        }
        List<String> scalars = new ArrayList<>(losses);
        if (withQuery) {
            scalars.add(queryBefore);
            scalars.add(queryAfter);
        }
        flatten(scalars, SCALARS);
        flatten(adapted, ADAPTED);
        if (keep) {
            flatten(leapDirection(leapRule), LEAP);
        }
        if (queryPrediction != null) {
            out.addOutput(ValueInfos.tensor(queryPrediction, FLOAT, null));
        }
        if (outerGradient != null) {
            flatten(outerGradient, OUTER);
        }
        if (byBatch) {
            flatten(statistics.stream().map(endStatistics::get).toList(), STATISTICS);
        }
        ModelProto m = foldShapes(step.gradientModel().toBuilder().setGraph(out).build());
        // second order: through the whole loop, from the initialisation; first order under batch statistics: from
        // the adapted parameters, through the support statistics the query normalises by
        List<String> wrt = needs.contains(Need.META_GRADIENT) ? parameters
                : needs.contains(Need.QUERY_GRADIENT) && byBatch ? adapted : null;
        if (withQuery && wrt != null) {
            ReverseMode.Result r = ReverseMode.differentiate(m, queryAfter, wrt, shapes);
            GraphProto.Builder g = r.model().getGraph().toBuilder();
            List<ValueInfoProto> kept = g.getOutputList().stream()
                    .filter(o -> !r.gradients().containsValue(o.getName())).toList();
            out.clear().mergeFrom(g.clearOutput().addAllOutput(kept).build());
            flatten(wrt.stream().map(r.gradients()::get).toList(), OUTER);
            outerGradient = List.of(OUTER);
            m = foldShapes(r.model().toBuilder().setGraph(out).build());
        }
        this.outer = outerGradient != null;
        this.leap = keep;
        this.model = m;
    }

    /** The entries of {@code names} for {@code keys}. */
    private static Map<String, String> subset(Map<String, String> names, List<String> keys) {
        Map<String, String> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, names.get(k)));
        return m;
    }

    /** Concatenates {@code tensors}, flattened, into the graph output {@code name}. */
    private void flatten(List<String> tensors, String name) {
        String minusOne = "u.shape[-1]";
        if (constants.add(minusOne)) {
            out.addInitializer(TensorProtos.vector(minusOne, -1));
        }
        List<String> parts = new ArrayList<>();
        for (String t : tensors) {
            String flat = name + "/" + t;
            out.addNode(Attributes.node("Reshape", flat, List.of(t, minusOne), List.of(flat)));
            parts.add(flat);
        }
        out.addNode(Attributes.node("Concat", name, parts, List.of(name), Attributes.of("axis", 0L)));
        out.addOutput(ValueInfos.tensor(name, FLOAT, new long[] {-1}));
    }

    /**
     * Leap's direction for the task, in the graph: step i subtracted s = lr g_{i-1}, so dtheta = -s and
     * -(dtheta + df g_{i-1}) / n with df = -|f_i - f_{i-1}| is s (1 + |df| / lr) / n, where n = sqrt(df^2 + |s|^2)
     * for path length and 1 for energy; without the loss term, s / n.
     */
    private List<String> leapDirection(LeapRule rule) {
        String one = "u.one";
        String tiny = "u.tiny";
        out.addInitializer(TensorProtos.scalar(one, FLOAT, 1));
        out.addInitializer(TensorProtos.scalar(tiny, FLOAT, 1e-30));
        List<List<String>> terms = new ArrayList<>();
        parameters.forEach(p -> terms.add(new ArrayList<>()));
        for (int i = 1; i < losses.size(); i++) {
            String at = "u.leap" + i + "/";
            List<String> s = scaledGradients.get(i - 1);
            String change = node("Abs", at + "|df|", node("Sub", at + "df", losses.get(i), losses.get(i - 1)));
            String coefficient = rule.lossTerm() ? node("Add", at + "1+|df|/lr", one,
                    node("Div", at + "|df|/lr", change, LR)) : one;
            if (rule.norm() == LeapNorm.LENGTH) {
                List<String> squares = new ArrayList<>(List.of(node("Mul", at + "df^2", change, change)));
                for (String t : s) {
                    String sq = at + "|" + t + "|^2";
                    out.addNode(Attributes.node("ReduceSumSquare", sq, List.of(t), List.of(sq),
                            Attributes.of("keepdims", 0L)));
                    squares.add(sq);
                }
                String total = at + "n^2";
                out.addNode(Attributes.node("Sum", total, squares, List.of(total)));
                String n = node("Max", at + "n", node("Sqrt", at + "sqrt", total), tiny);
                coefficient = node("Div", at + "c", coefficient, n);
            }
            for (int k = 0; k < s.size(); k++) {
                terms.get(k).add(node("Mul", at + "term/" + parameters.get(k), s.get(k), coefficient));
            }
        }
        List<String> direction = new ArrayList<>();
        for (int k = 0; k < parameters.size(); k++) {
            String d = "u.leap/" + parameters.get(k);
            out.addNode(Attributes.node("Sum", d, terms.get(k), List.of(d)));
            direction.add(d);
        }
        return direction;
    }

    private String node(String op, String name, String... inputs) {
        out.addNode(Attributes.node(op, name, List.of(inputs), List.of(name)));
        return name;
    }

    /**
     * Builds the inner loop of {@code steps} SGD steps of {@code step}'s loss for support and query sets of fixed
     * sizes ({@code querySize} 0: no query set). Where {@code step} normalises by batch statistics, support passes
     * use the support set's and query passes {@code batchNorm}'s choice.
     */
    static UnrolledGraph build(TrainingStep step, String input, int steps, int supportSize, int querySize,
            Set<Need> needs, LeapRule leap, BatchNormMode batchNorm) {
        return new UnrolledGraph(step, input, steps, supportSize, querySize, needs, leap, batchNorm);
    }

    /** The loss graph (the gradient graph without its backward part) times {@link #LR}, differentiated. */
    private ReverseMode.Result scaledLoss() {
        GraphProto.Builder g = plain.toBuilder().clearNode().clearOutput();
        g.addAllNode(needed(plain.getNodeList(), Set.of(TrainingStep.LOSS)))
                .addInput(ValueInfos.tensor(LR, FLOAT, new long[0]))
                .addNode(Attributes.node("Mul", SCALED_LOSS, List.of(TrainingStep.LOSS, LR), List.of(SCALED_LOSS)))
                .addOutput(ValueInfos.tensor(TrainingStep.LOSS, FLOAT, new long[0]))
                .addOutput(ValueInfos.tensor(SCALED_LOSS, FLOAT, new long[0]));
        return ReverseMode.differentiate(step.gradientModel().toBuilder().setGraph(g).build(), SCALED_LOSS,
                parameters, Map.of(input, shapes.get(SUPPORT_X), TrainingStep.LABELS, shapes.get(SUPPORT_Y), LR,
                        new long[0]));
    }

    /** {@code model} with every Shape and Size of a tensor whose shape the fixed input sizes decide as a constant. */
    private ModelProto foldShapes(ModelProto model) {
        Map<String, ShapeProbe.TensorType> types = ShapeProbe.probe(model, shapes);
        GraphProto.Builder g = model.getGraph().toBuilder().clearNode();
        for (NodeProto n : model.getGraph().getNodeList()) {
            ShapeProbe.TensorType t = n.getInputCount() == 1 ? types.get(n.getInput(0)) : null;
            boolean whole = n.getAttributeCount() == 0;
            if (t != null && whole && n.getOpType().equals("Shape")) {
                g.addInitializer(TensorProtos.vector(n.getOutput(0), t.shape()));
            } else if (t != null && whole && n.getOpType().equals("Size")) {
                g.addInitializer(TensorProtos.scalar(n.getOutput(0), TensorProto.DataType.INT64_VALUE,
                        Tensor.elementCount(t.shape())));
            } else {
                g.addNode(n);
            }
        }
        return model.toBuilder().setGraph(g).build();
    }

    /** {@code v} renamed, with a batch dimension of {@code size}. */
    private static ValueInfoProto batch(ValueInfoProto v, String name, int size) {
        ValueInfoProto.Builder b = v.toBuilder().setName(name);
        b.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0).clearDimParam()
                .setDimValue(size);
        return b.build();
    }

    private ValueInfoProto declared(String name) {
        return plain.getInputList().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private long[] sized(String name, int batch) {
        long[] d = ValueInfos.dims(declared(name)).clone();
        d[0] = batch;
        return d;
    }

    /** The shapes of every input of the unrolled graph. */
    private Map<String, long[]> probeShapes(int supportSize, int querySize) {
        Map<String, long[]> s = new HashMap<>();
        s.put(SUPPORT_X, sized(input, supportSize));
        s.put(SUPPORT_Y, sized(TrainingStep.LABELS, supportSize));
        if (querySize > 0) {
            s.put(QUERY_X, sized(input, querySize));
            s.put(QUERY_Y, sized(TrainingStep.LABELS, querySize));
        }
        step.parameters().forEach(p -> s.put(p.name(), p.shape()));
        s.put(LR, new long[0]);
        return s;
    }

    /** The nodes of {@code nodes} that {@code wanted} depends on, in order. */
    private static List<NodeProto> needed(List<NodeProto> nodes, Set<String> wanted) {
        return needed(nodes, wanted, Set.of());
    }

    /** The nodes of {@code nodes} that {@code wanted} depends on short of the tensors {@code given}, in order. */
    private static List<NodeProto> needed(List<NodeProto> nodes, Set<String> wanted, Set<String> given) {
        Set<String> needed = new HashSet<>(wanted);
        List<NodeProto> kept = new ArrayList<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto n = nodes.get(i);
            if (n.getOutputList().stream().anyMatch(o -> needed.contains(o) && !given.contains(o))) {
                kept.add(n);
                needed.addAll(n.getInputList());
            }
        }
        Collections.reverse(kept);
        return kept;
    }

    /**
     * Adds a copy of {@code source}, reduced to what {@code wanted} needs, reading data {@code x}, labels {@code y},
     * parameters {@code theta}, and for each tensor named by a key of {@code given} the tensor it maps to instead of
     * computing it; returns the new name of each wanted tensor.
     */
    private Map<String, String> inline(GraphProto source, String x, String y, List<String> theta, List<String> wanted,
            Map<String, String> given) {
        String prefix = "u.copy" + (copies++) + "/";
        Map<String, String> bound = new HashMap<>();
        bound.put(input, x);
        bound.put(TrainingStep.LABELS, y);
        bound.put(LR, LR);
        for (int k = 0; k < parameters.size(); k++) {
            bound.put(parameters.get(k), theta.get(k));
        }
        bound.putAll(given);
        for (NodeProto n : needed(source.getNodeList(), new HashSet<>(wanted), given.keySet())) {
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
