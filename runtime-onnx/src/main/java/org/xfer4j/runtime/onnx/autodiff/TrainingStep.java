package org.xfer4j.runtime.onnx.autodiff;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.ShapeProbe;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * One training step as one ONNX graph: forward pass, loss, backward pass and optimiser update. Inputs: the batch,
 * the labels ({@value #LABELS}), every trainable parameter under its own name, the optimiser state, a learning rate
 * per parameter group ({@code "lr." + group}) and, for Adam, the step number ({@value #STEP}, from 1). Outputs: the
 * loss ({@value #LOSS}), the prediction (logits for cross-entropy), and the new value of every parameter and state
 * ({@code "new." + name}), ready to be fed back as the next step's inputs. Frozen parameters stay constants.
 */
public final class TrainingStep {

    /** Name of the scalar loss output. */
    public static final String LOSS = "loss";
    /** Name of the labels (int64 [N]) or targets input. */
    public static final String LABELS = "labels";
    /** Name of the step-number input (float scalar). */
    public static final String STEP = "step";
    /** Prefix of updated parameter and state outputs. */
    public static final String NEW = "new.";
    /** The batch size used to find shapes while building. */
    private static final int PROBE_BATCH = 3;

    /**
     * A trainable parameter: its group, shape, optimiser state inputs, and the name of its gradient (an output of
     * {@link #gradientModel()}, and of {@link #model()} when gradients are kept).
     */
    public record Parameter(String name, String group, long[] shape, List<String> states, String gradient) {
        public Parameter {
            states = List.copyOf(states);
        }
    }

    private final ModelProto model;
    private final ModelProto gradients;
    private final Map<String, long[]> probeShapes;
    private final ModelProto evaluation;
    private final Loss loss;
    private final OnnxGraph forward;
    private final List<String> dataInputs;
    private final String prediction;
    private final List<Parameter> parameters;
    private final List<Parameter> buffers;
    private final Set<String> groups;
    private final boolean usesStep;

    private TrainingStep(ModelProto model, ModelProto gradients, Map<String, long[]> probeShapes,
            ModelProto evaluation, Loss loss, OnnxGraph forward,
            List<String> dataInputs, String prediction, List<Parameter> parameters, List<Parameter> buffers,
            Set<String> groups, boolean usesStep) {
        this.model = model;
        this.gradients = gradients;
        this.probeShapes = Map.copyOf(probeShapes);
        this.evaluation = evaluation;
        this.loss = loss;
        this.forward = forward;
        this.dataInputs = List.copyOf(dataInputs);
        this.prediction = prediction;
        this.parameters = List.copyOf(parameters);
        this.buffers = List.copyOf(buffers);
        this.groups = Set.copyOf(groups);
        this.usesStep = usesStep;
    }

    /** Starts a training step for {@code forward} (its trainable parameters by default). */
    public static Builder of(OnnxGraph forward) {
        return new Builder(forward);
    }

    /** The training-step graph. */
    public ModelProto model() {
        return model;
    }

    /**
     * Loss and gradients without the update: parameters, batch and labels in; the loss, the prediction and
     * {@code Parameter.gradient()} of every parameter out. Differentiable again (see {@link HessianVectorProduct}).
     */
    public ModelProto gradientModel() {
        return gradients;
    }

    /** Example shapes of every input of {@link #gradientModel()} (batch of 3), for differentiating it again. */
    Map<String, long[]> probeShapes() {
        return probeShapes;
    }

    /**
     * The forward pass alone, in inference mode, with the trainable parameters as inputs (fed from a running
     * session) and the prediction as output.
     */
    public ModelProto evaluation() {
        return evaluation;
    }

    /** The loss it minimises. */
    public Loss loss() {
        return loss;
    }

    /** The forward graph it was built from (parameters at their initial values). */
    public OnnxGraph forward() {
        return forward;
    }

    /** The batch inputs. */
    public List<String> dataInputs() {
        return dataInputs;
    }

    /** The prediction output (logits for cross-entropy). */
    public String prediction() {
        return prediction;
    }

    /** The trainable parameters in input order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Tensors the step updates without gradients (running statistics of batch normalisation in training mode): inputs
     * under their own name, outputs under {@code "new." + name}.
     */
    public List<Parameter> buffers() {
        return buffers;
    }

    /** Parameters followed by buffers: every tensor a running session carries from step to step. */
    public List<Parameter> variables() {
        List<Parameter> all = new ArrayList<>(parameters);
        all.addAll(buffers);
        return all;
    }

    /** The parameter groups; each has a learning-rate input {@link #learningRateInput}. */
    public Set<String> groups() {
        return groups;
    }

    /** The learning-rate input of {@code group}. */
    public static String learningRateInput(String group) {
        return "lr." + group;
    }

    /** Whether the graph reads {@link #STEP}. */
    public boolean usesStep() {
        return usesStep;
    }

    /** Builds a {@link TrainingStep}. */
    public static final class Builder {
        private final OnnxGraph forward;
        private Loss loss = Loss.SOFTMAX_CROSS_ENTROPY;
        private Optimizer optimizer = new Optimizer.Sgd(0, 0);
        private Collection<String> trainable;
        private final Map<String, Predicate<String>> groups = new LinkedHashMap<>();
        private final Map<String, long[]> shapes = new HashMap<>();
        private boolean keepGradients;
        private boolean trainingDropout = true;
        private boolean trainingBatchNorm;
        private long seed = 42;

        private Builder(OnnxGraph forward) {
            this.forward = forward;
            this.trainable = forward.trainableParameters();
        }

        public Builder loss(Loss l) {
            this.loss = l;
            return this;
        }

        public Builder optimizer(Optimizer o) {
            this.optimizer = o;
            return this;
        }

        /** The parameters to train (default: the graph's trainable parameters). */
        public Builder trainable(Collection<String> names) {
            this.trainable = new LinkedHashSet<>(names);
            return this;
        }

        /** A parameter group (own learning rate) of the parameters matching {@code members}; first match wins. */
        public Builder group(String name, Predicate<String> members) {
            groups.put(name, members);
            return this;
        }

        /** The shape of one example of {@code input} (needed where the graph leaves more than the batch dynamic). */
        public Builder exampleShape(String input, long... dims) {
            shapes.put(input, dims.clone());
            return this;
        }

        /** Also output the gradient of each parameter ({@code "grad." + name}). */
        public Builder keepGradients(boolean keep) {
            this.keepGradients = keep;
            return this;
        }

        /**
         * Whether batch normalisation layers with trainable scale or bias normalise by batch statistics and update
         * their running statistics (default false: running statistics stay fixed).
         */
        public Builder trainingBatchNorm(boolean on) {
            this.trainingBatchNorm = on;
            return this;
        }

        /** Seeds the dropout masks, so runs repeat exactly (default 42). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Whether Dropout layers drop during training (default true). */
        public Builder trainingDropout(boolean on) {
            this.trainingDropout = on;
            return this;
        }

        public TrainingStep build() {
            return new StepAssembler(this).assemble();
        }
    }

    /** Turns a {@link Builder} into the step graph. */
    private static final class StepAssembler {
        private final Builder b;
        private final GraphProto source;
        private final Map<String, TensorProto> initialisers = new LinkedHashMap<>();
        private ModelProto evaluation;
        private Map<String, long[]> probeShapes;
        private ModelProto gradientModel;

        StepAssembler(Builder b) {
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
            evaluation = b.forward.model().toBuilder().setGraph(g.clone()
                    .addOutput(ValueInfos.tensor(predictionTensor, elem, null))).build();
            if (b.trainingDropout) {
                trainingMode(g);
            }
            Map<String, ShapeProbe.TensorType> forwardTypes = ShapeProbe.probe(b.forward.model(), probeShapes);
            if (!buffers.isEmpty()) {
                batchNormTrainingMode(g, buffers, forwardTypes, elem);
            }
            long[] predShape = forwardTypes.get(predictionTensor).shape();
            if (b.loss == Loss.SOFTMAX_CROSS_ENTROPY) {
                if (predShape.length != 2) {
                    throw new InvalidInputException("cross-entropy needs logits [N, classes]; " + predictionTensor
                            + " has shape " + java.util.Arrays.toString(predShape));
                }
                g.addInput(ValueInfos.tensor(LABELS, TensorProto.DataType.INT64_VALUE, new long[] {-1}));
                probeShapes.put(LABELS, new long[] {PROBE_BATCH});
            } else {
                long[] targets = predShape.clone();
                targets[0] = -1;
                g.addInput(ValueInfos.tensor(LABELS, elem, targets));
                probeShapes.put(LABELS, predShape);
            }
            Emitter lossPart = new Emitter("xfer4j.loss/");
            String loss = b.loss.append(lossPart, predictionTensor, LABELS, elem);
            lossPart.node("Identity", List.of(loss), List.of(LOSS));
            g.addAllNode(lossPart.nodes()).addAllInitializer(lossPart.constants())
                    .addOutput(ValueInfos.tensor(LOSS, elem, new long[0]))
                    .addOutput(ValueInfos.tensor(predictionTensor, elem, null));

            List<String> wrt = List.copyOf(b.trainable);
            ReverseMode.Result grads = ReverseMode.differentiate(b.forward.model().toBuilder().setGraph(g).build(),
                    LOSS, wrt, probeShapes);
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
            Emitter e = new Emitter("xfer4j.bn/");
            List<NodeProto> nodes = List.copyOf(g.getNodeList());
            g.clearNode();
            for (NodeProto n : nodes) {
                if (n.getOpType().equals("BatchNormalization") && buffers.contains(n.getInput(3))) {
                    int before = e.nodes().size();
                    BatchNormTraining.expand(n, types.get(n.getInput(0)).rank(), elem, e, NEW + n.getInput(3),
                            NEW + n.getInput(4));
                    g.addAllNode(e.nodes().subList(before, e.nodes().size()));
                    for (int k = 3; k <= 4; k++) {
                        g.addOutput(ValueInfos.tensor(NEW + n.getInput(k), elem,
                                TensorProtos.shape(initialisers.get(n.getInput(k)))));
                    }
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
                step.addInput(ValueInfos.tensor(STEP, elem, new long[0]));
            }
            List<Parameter> params = new ArrayList<>();
            for (String p : b.trainable) {
                long[] shape = TensorProtos.shape(initialisers.get(p));
                String group = groupOf(p);
                if (groupNames.add(group)) {
                    step.addInput(ValueInfos.tensor(learningRateInput(group), elem, new long[0]));
                }
                List<String> states = new ArrayList<>();
                for (String s : b.optimizer.states()) {
                    String name = "state." + s + "." + p;
                    states.add(name);
                    step.addInput(ValueInfos.tensor(name, elem, shape));
                }
                List<String> updated = OptimizerUpdate.emit(b.optimizer, e, p, grads.gradients().get(p), states,
                        learningRateInput(group), STEP, elem);
                List<String> names = new ArrayList<>(List.of(p));
                names.addAll(states);
                for (int i = 0; i < names.size(); i++) {
                    e.node("Identity", List.of(updated.get(i)), List.of(NEW + names.get(i)));
                    step.addOutput(ValueInfos.tensor(NEW + names.get(i), elem, shape));
                }
                params.add(new Parameter(p, group, shape, states, grads.gradients().get(p)));
            }
            step.addAllNode(e.nodes()).addAllInitializer(e.constants());
            List<String> data = source.getInputList().stream().map(ValueInfoProto::getName).toList();
            List<Parameter> stats = buffers.stream().map(n -> new Parameter(n, null,
                    TensorProtos.shape(initialisers.get(n)), List.of(), null)).toList();
            return new TrainingStep(grads.model().toBuilder().setGraph(step).build(), gradientModel, probeShapes,
                    evaluation, b.loss, b.forward,
                    data, predictionTensor(b.forward.outputNames().getFirst()), params, stats, groupNames, usesStep);
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
                shape[0] = PROBE_BATCH;
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
}
