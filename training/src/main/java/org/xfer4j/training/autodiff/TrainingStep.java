package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;

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
    static final int PROBE_BATCH = 3;

    /**
     * A trainable parameter: its group, shape, optimiser state inputs, and the name of its gradient (an output of
     * {@link #gradientModel()}, and of {@link #model()} when gradients are kept).
     */
    public record Parameter(String name, String group, long[] shape, List<String> states, String gradient) {
        public Parameter {
            states = List.copyOf(states);
        }
    }

    /**
     * A batch norm of a step built with {@link Builder#batchStatistics}: the tensors holding its batch mean and
     * (biased) variance, shaped [1, C, 1, ...], and the running-statistic initialisers they stand in for.
     */
    public record BatchStatistic(String mean, String variance, String runningMean, String runningVariance) {
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
    private final List<BatchStatistic> batchStatistics;
    private final Set<String> groups;
    private final boolean usesStep;

    TrainingStep(ModelProto model, ModelProto gradients, Map<String, long[]> probeShapes,
            ModelProto evaluation, Loss loss, OnnxGraph forward,
            List<String> dataInputs, String prediction, List<Parameter> parameters, List<Parameter> buffers,
            List<BatchStatistic> batchStatistics, Set<String> groups, boolean usesStep) {
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
        this.batchStatistics = List.copyOf(batchStatistics);
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

    /**
     * The batch statistics of each batch norm, in graph order, where the step normalises by them
     * ({@link Builder#batchStatistics}); else empty. Binding these names to another pass's tensors makes a pass
     * normalise with that pass's statistics.
     */
    public List<BatchStatistic> batchStatistics() {
        return batchStatistics;
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
        final OnnxGraph forward;
        Loss loss = Loss.SOFTMAX_CROSS_ENTROPY;
        Optimizer optimizer = new Optimizer.Sgd(0, 0);
        Collection<String> trainable;
        final Map<String, Predicate<String>> groups = new LinkedHashMap<>();
        final Map<String, long[]> shapes = new HashMap<>();
        boolean keepGradients;
        boolean trainingDropout = true;
        boolean trainingBatchNorm;
        boolean batchStatistics;
        boolean foldIntoConvolutions = true;
        double clipNorm;
        long seed = 42;

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

        /**
         * Whether every batch normalisation layer normalises by the statistics of the batch it sees, in every graph
         * of the step (evaluation too), keeping no running statistics (default false). Meta-learning's inner loops
         * use it: each pass normalises by its own batch, or, bound through {@link TrainingStep#batchStatistics},
         * by another pass's.
         */
        public Builder batchStatistics(boolean on) {
            this.batchStatistics = on;
            return this;
        }

        /**
         * Whether batch normalisation with fixed statistics and constant zero padding are folded into the convolution
         * they follow or precede, and ReLUs moved behind the max pooling they feed (default true: same function and
         * gradients, fewer passes over the activations; see {@link BatchNormFolding}, {@link PadFolding},
         * {@link PoolBeforeRelu}).
         */
        public Builder foldIntoConvolutions(boolean on) {
            this.foldIntoConvolutions = on;
            return this;
        }

        /**
         * Scales the gradients down together where their global L2 norm (over every trained parameter) exceeds
         * {@code maxNorm}, before the optimiser sees them; 0 (default): no clipping.
         */
        public Builder clipNorm(double maxNorm) {
            if (!(maxNorm >= 0)) {
                throw new org.xfer4j.api.InvalidOptionException("clipNorm must be >= 0, got " + maxNorm);
            }
            this.clipNorm = maxNorm;
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
}
