package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.runtime.onnx.graph.ShapeProbe;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/** Turns a {@link TrainingStep.Builder} into the step graph. */
final class StepAssembler {
    private final TrainingStep.Builder b;
    private final GraphProto source;
    private final Map<String, TensorProto> initialisers = new LinkedHashMap<>();
    private ModelProto evaluation;
    private Map<String, long[]> probeShapes;
    private ModelProto gradientModel;
    private final List<TrainingStep.BatchStatistic> statistics = new ArrayList<>();

    StepAssembler(TrainingStep.Builder b) {
        this.b = b;
        this.source = b.forward.model().getGraph();
        source.getInitializerList().forEach(t -> initialisers.put(t.getName(), t));
    }

    TrainingStep assemble() {
        if (b.trainable.isEmpty()) {
            throw new InvalidOptionException("nothing to train: every parameter of the graph is frozen");
        }
        if (b.forward.outputNames().size() != 1) {
            throw new InvalidInputException("a training step needs a graph with one output, got "
                    + b.forward.outputNames());
        }
        for (String p : b.trainable) {
            if (!initialisers.containsKey(p)) {
                throw new InvalidOptionException("cannot train '" + p + "': the graph has no such parameter");
            }
        }
        if (b.trainingBatchNorm && b.batchStatistics) {
            throw new InvalidOptionException("batch norms either update running statistics (trainingBatchNorm) or "
                    + "keep none (batchStatistics), not both");
        }
        Map<String, long[]> probeShapes = probeShapes();
        String output = b.forward.outputNames().getFirst();
        String predictionTensor = predictionTensor(output);
        int elem = initialisers.get(b.trainable.iterator().next()).getDataType();

        Set<String> buffers = b.trainingBatchNorm ? batchNormStatistics() : Set.of();
        GraphProto.Builder g = source.toBuilder().clearInitializer().clearOutput();
        for (TensorProto t : source.getInitializerList()) {
            if (b.trainable.contains(t.getName()) || buffers.contains(t.getName())) {
                g.addInput(ValueInfos.tensor(t.getName(), t.getDataType(), TensorProtos.shape(t)));
                probeShapes.put(t.getName(), TensorProtos.shape(t));
            } else {
                g.addInitializer(t);
            }
        }
        Map<String, ShapeProbe.TensorType> forwardTypes = ShapeProbe.probe(b.forward.model(), probeShapes);
        if (b.batchStatistics) {
            batchStatisticsMode(g, forwardTypes, elem);
        }
        GraphProto.Builder inference = g.clone();
        if (b.foldIntoConvolutions) {
            foldIntoConvolutions(inference, new java.util.HashSet<>(List.of(output, predictionTensor)), Set.of(), elem);
        }
        evaluation = b.forward.model().toBuilder().setGraph(inference
                .addOutput(ValueInfos.tensor(predictionTensor, elem, null))).build();
        if (b.trainingDropout) {
            trainingMode(g);
        }
        if (!buffers.isEmpty()) {
            batchNormTrainingMode(g, buffers, forwardTypes, elem);
        }
        if (b.foldIntoConvolutions) {
            foldIntoConvolutions(g, new java.util.HashSet<>(List.of(output, predictionTensor)), buffers, elem);
        }
        long[] predShape = forwardTypes.get(predictionTensor).shape();
        if (b.loss == Loss.SOFTMAX_CROSS_ENTROPY) {
            if (predShape.length != 2) {
                throw new InvalidInputException("cross-entropy needs logits [N, classes]; " + predictionTensor
                        + " has shape " + java.util.Arrays.toString(predShape));
            }
            g.addInput(ValueInfos.tensor(TrainingStep.LABELS, TensorProto.DataType.INT64_VALUE, new long[] {-1}));
            probeShapes.put(TrainingStep.LABELS, new long[] {TrainingStep.PROBE_BATCH});
        } else {
            long[] targets = predShape.clone();
            targets[0] = -1;
            g.addInput(ValueInfos.tensor(TrainingStep.LABELS, elem, targets));
            probeShapes.put(TrainingStep.LABELS, predShape);
        }
        Emitter lossPart = new Emitter("xfer4j.loss/");
        String loss = b.loss.append(lossPart, predictionTensor, TrainingStep.LABELS, elem);
        lossPart.node("Identity", List.of(loss), List.of(TrainingStep.LOSS));
        g.addAllNode(lossPart.nodes()).addAllInitializer(lossPart.constants())
                .addOutput(ValueInfos.tensor(TrainingStep.LOSS, elem, new long[0]))
                .addOutput(ValueInfos.tensor(predictionTensor, elem, null));

        List<String> wrt = List.copyOf(b.trainable);
        ReverseMode.Result grads = ReverseMode.differentiate(b.forward.model().toBuilder().setGraph(g).build(),
                TrainingStep.LOSS, wrt, probeShapes);
        GraphProto.Builder step = grads.model().getGraph().toBuilder();
        gradientModel = grads.model();
        if (!b.keepGradients) {
            List<ValueInfoProto> outs = List.copyOf(step.getOutputList());
            step.clearOutput();
            outs.stream().filter(o -> !grads.gradients().containsValue(o.getName())).forEach(step::addOutput);
        }
        this.probeShapes = probeShapes;
        return update(grads, step, elem, buffers);
    }

    /**
     * Folds fixed batch norms and zero pads into their convolutions (the step's forward stays one pass per layer),
     * and moves ReLUs behind the max pooling they feed.
     */
    private void foldIntoConvolutions(GraphProto.Builder g, Set<String> keep, Set<String> buffers, int elem) {
        Map<String, long[]> parameters = new HashMap<>();
        Map<String, TensorProto> constants = new HashMap<>();
        initialisers.forEach((name, t) -> {
            parameters.put(name, TensorProtos.shape(t));
            if (!b.trainable.contains(name) && !buffers.contains(name)) {
                constants.put(name, t);
            }
        });
        PadFolding.apply(g, constants, keep);
        BatchNormFolding.apply(g, parameters, keep, elem);
        PoolBeforeRelu.apply(g, keep);
    }

    /** Running mean and variance of batch-norm layers whose scale or bias trains. */
    private Set<String> batchNormStatistics() {
        Set<String> out = new LinkedHashSet<>();
        for (NodeProto n : source.getNodeList()) {
            if (n.getOpType().equals("BatchNormalization")
                    && (b.trainable.contains(n.getInput(1)) || b.trainable.contains(n.getInput(2)))) {
                out.add(n.getInput(3));
                out.add(n.getInput(4));
            }
        }
        return out;
    }

    private void batchNormTrainingMode(GraphProto.Builder g, Set<String> buffers,
            Map<String, ShapeProbe.TensorType> types, int elem) {
        rewriteBatchNorms(g, n -> buffers.contains(n.getInput(3)), (n, e) -> {
            BatchNormTraining.expand(n, types.get(n.getInput(0)).rank(), elem, e, TrainingStep.NEW + n.getInput(3),
                    TrainingStep.NEW + n.getInput(4));
            for (int k = 3; k <= 4; k++) {
                g.addOutput(ValueInfos.tensor(TrainingStep.NEW + n.getInput(k), elem,
                        TensorProtos.shape(initialisers.get(n.getInput(k)))));
            }
        });
    }

    /** Every batch norm normalising by its batch's statistics, without running statistics (see TrainingStep). */
    private void batchStatisticsMode(GraphProto.Builder g, Map<String, ShapeProbe.TensorType> types, int elem) {
        rewriteBatchNorms(g, n -> true, (n, e) -> {
            BatchNormTraining.normalise(n, types.get(n.getInput(0)).rank(), elem, e);
            statistics.add(new TrainingStep.BatchStatistic(BatchNormTraining.meanOf(n),
                    BatchNormTraining.varianceOf(n), n.getInput(3), n.getInput(4)));
        });
    }

    /** Replaces each BatchNormalization node {@code which} accepts, in place, by the nodes {@code expansion} emits. */
    private static void rewriteBatchNorms(GraphProto.Builder g, Predicate<NodeProto> which,
            BiConsumer<NodeProto, Emitter> expansion) {
        Emitter e = new Emitter("xfer4j.bn/");
        List<NodeProto> nodes = List.copyOf(g.getNodeList());
        g.clearNode();
        for (NodeProto n : nodes) {
            if (n.getOpType().equals("BatchNormalization") && which.test(n)) {
                int before = e.nodes().size();
                expansion.accept(n, e);
                g.addAllNode(e.nodes().subList(before, e.nodes().size()));
            } else {
                g.addNode(n);
            }
        }
        g.addAllInitializer(e.constants());
    }

    private TrainingStep update(ReverseMode.Result grads, GraphProto.Builder step, int elem, Set<String> buffers) {
        Emitter e = new Emitter("xfer4j.update/");
        Set<String> groupNames = new LinkedHashSet<>();
        boolean usesStep = b.optimizer.needsStep();
        if (usesStep) {
            step.addInput(ValueInfos.tensor(TrainingStep.STEP, elem, new long[0]));
        }
        List<TrainingStep.Parameter> params = new ArrayList<>();
        Map<String, String> clipped = clipped(e, grads.gradients(), elem);
        for (String p : b.trainable) {
            long[] shape = TensorProtos.shape(initialisers.get(p));
            String group = groupOf(p);
            if (groupNames.add(group)) {
                step.addInput(ValueInfos.tensor(TrainingStep.learningRateInput(group), elem, new long[0]));
            }
            List<String> states = new ArrayList<>();
            for (String s : b.optimizer.states()) {
                String name = "state." + s + "." + p;
                states.add(name);
                step.addInput(ValueInfos.tensor(name, elem, shape));
            }
            List<String> updated = OptimizerUpdate.emit(b.optimizer, e, p, clipped.get(p), states,
                    TrainingStep.learningRateInput(group), TrainingStep.STEP, elem);
            List<String> names = new ArrayList<>(List.of(p));
            names.addAll(states);
            for (int i = 0; i < names.size(); i++) {
                e.node("Identity", List.of(updated.get(i)), List.of(TrainingStep.NEW + names.get(i)));
                step.addOutput(ValueInfos.tensor(TrainingStep.NEW + names.get(i), elem, shape));
            }
            params.add(new TrainingStep.Parameter(p, group, shape, states, grads.gradients().get(p)));
        }
        step.addAllNode(e.nodes()).addAllInitializer(e.constants());
        List<String> data = source.getInputList().stream().map(ValueInfoProto::getName).toList();
        List<TrainingStep.Parameter> stats = buffers.stream().map(n -> new TrainingStep.Parameter(n, null,
                TensorProtos.shape(initialisers.get(n)), List.of(), null)).toList();
        return new TrainingStep(grads.model().toBuilder().setGraph(step).build(), gradientModel, probeShapes,
                evaluation, b.loss, b.forward,
                data, predictionTensor(b.forward.outputNames().getFirst()), params, stats, statistics, groupNames,
                usesStep);
    }

    /**
     * The gradients scaled by min(1, clipNorm / ||g||) with ||g|| the L2 norm over every trained parameter's
     * gradient together, or unchanged without clipping.
     */
    private Map<String, String> clipped(Emitter e, Map<String, String> gradients, int elem) {
        if (b.clipNorm == 0) {
            return gradients;
        }
        List<String> squares = new ArrayList<>();
        for (String p : b.trainable) {
            squares.add(e.op("ReduceSumSquare", List.of(gradients.get(p)),
                    org.xfer4j.runtime.onnx.graph.Attributes.of("keepdims", 0L)));
        }
        String norm = e.op("Sqrt", squares.size() == 1 ? squares.getFirst() : e.op("Sum", squares));
        String limit = e.scalar(b.clipNorm, elem);
        String scale = e.div(limit, e.op("Max", List.of(norm, limit)));
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : b.trainable) {
            out.put(p, e.mul(gradients.get(p), scale));
        }
        return out;
    }

    private String groupOf(String param) {
        for (Map.Entry<String, Predicate<String>> g : b.groups.entrySet()) {
            if (g.getValue().test(param)) {
                return g.getKey();
            }
        }
        return "default";
    }

    /** Batch inputs at the probe batch size, other dynamic dimensions from the builder. */
    private Map<String, long[]> probeShapes() {
        Map<String, long[]> out = new HashMap<>();
        for (ValueInfoProto in : source.getInputList()) {
            long[] declared = ValueInfos.dims(in);
            long[] example = b.shapes.get(in.getName());
            long[] shape;
            if (example != null) {
                shape = new long[example.length + 1];
                System.arraycopy(example, 0, shape, 1, example.length);
            } else if (declared != null) {
                shape = declared.clone();
            } else {
                throw new InvalidInputException("input " + in.getName() + " has no declared shape; give one "
                        + "with exampleShape");
            }
            shape[0] = TrainingStep.PROBE_BATCH;
            for (int k = 1; k < shape.length; k++) {
                if (shape[k] < 0) {
                    throw new InvalidInputException("input " + in.getName() + " has dynamic dimension " + k
                            + "; give the example shape with exampleShape");
                }
            }
            out.put(in.getName(), shape);
        }
        return out;
    }

    /** Cross-entropy works on logits: the input of a final Softmax, where there is one. */
    private String predictionTensor(String output) {
        if (b.loss != Loss.SOFTMAX_CROSS_ENTROPY) {
            return output;
        }
        for (NodeProto n : source.getNodeList()) {
            if (n.getOutputList().contains(output) && n.getOpType().equals("Softmax")) {
                return n.getInput(0);
            }
        }
        return output;
    }

    /** Switches Dropout layers to training mode (a constant true third input). */
    private void trainingMode(GraphProto.Builder g) {
        String on = "xfer4j.training";
        boolean any = false;
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            if (n.getOpType().equals("Dropout")) {
                NodeProto.Builder nb = n.toBuilder();
                if (nb.getInputCount() < 2) {
                    nb.addInput("");
                }
                if (nb.getInputCount() < 3) {
                    nb.addInput(on);
                } else {
                    nb.setInput(2, on);
                }
                g.setNode(i, org.xfer4j.runtime.onnx.graph.Attributes.with(nb.build(),
                        org.xfer4j.runtime.onnx.graph.Attributes.of("seed", b.seed * 31 + i)));
                any = true;
            }
        }
        if (any) {
            g.addInitializer(TensorProto.newBuilder().setName(on).setDataType(TensorProto.DataType.BOOL_VALUE)
                    .addInt32Data(1));
        }
    }
}
