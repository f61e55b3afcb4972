package org.xfer4j.training;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.TargetDataset;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.LossKind;
import org.xfer4j.api.meta.LossAndGradient;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.training.autodiff.HessianVectorProduct;
import org.xfer4j.training.autodiff.Loss;
import org.xfer4j.training.autodiff.TrainingStep;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;

/**
 * An ONNX graph as a {@link DifferentiableModel} for meta-learning: its loss (cross-entropy for a classifier, squared
 * error for a regression net) and gradient, outputs and (second order) Hessian-vector products at any parameter
 * values, each a graph ONNX Runtime runs. The parameters are the graph's trainable ones; dropout is off.
 */
public final class OnnxDifferentiableModel implements DifferentiableModel {

    private final TrainingStep step;
    private final LossKind lossKind;
    private final Preprocessor preprocessor;
    private final ProviderContext context;
    private final String input;
    private final Map<String, OrtModelSession> sessions = new HashMap<>();
    private final OrtWorker worker = new OrtWorker();
    private final Map<Object, AutoCloseable> cache = new HashMap<>();
    private HessianVectorProduct.Result hvp;
    private final boolean batchStatistics;

    /** A classifier over {@code graph} (one input) whose samples {@code preprocessor} prepares. */
    public OnnxDifferentiableModel(OnnxGraph graph, Preprocessor preprocessor, ProviderContext context) {
        this(graph, preprocessor, LossKind.CROSS_ENTROPY, context);
    }

    /**
     * A model over {@code graph} (one input) whose samples {@code preprocessor} prepares, minimising {@code loss};
     * for squared error the datasets are {@link TargetDataset}s whose targets have the graph output's shape.
     */
    public OnnxDifferentiableModel(OnnxGraph graph, Preprocessor preprocessor, LossKind loss, ProviderContext context) {
        this(graph, preprocessor, loss, context, false);
    }

    private OnnxDifferentiableModel(OnnxGraph graph, Preprocessor preprocessor, LossKind loss,
            ProviderContext context, boolean batchStatistics) {
        if (graph.inputNames().size() != 1) {
            throw new InvalidInputException("a differentiable model needs a graph with one input, got "
                    + graph.inputNames());
        }
        this.lossKind = loss;
        this.batchStatistics = batchStatistics;
        this.step = TrainingStep.of(graph).trainingDropout(false).batchStatistics(batchStatistics)
                .loss(loss == LossKind.SQUARED_ERROR ? Loss.MEAN_SQUARED_ERROR : Loss.SOFTMAX_CROSS_ENTROPY).build();
        this.preprocessor = preprocessor;
        this.context = context;
        this.input = graph.inputNames().getFirst();
    }

    /**
     * The same net with every batch norm normalising by the statistics of the batch each call passes (loss,
     * gradient, outputs and Hessian-vector products alike) instead of its fixed running statistics; built once, closed
     * with this model. Its step names the statistics ({@link TrainingStep#batchStatistics}), so graphs built from it
     * can normalise one set by another's. A model already in that mode is its own.
     */
    public OnnxDifferentiableModel batchStatistics() {
        return batchStatistics ? this : cached(BatchStatisticsKey.KEY, k -> new OnnxDifferentiableModel(step.forward(),
                preprocessor, lossKind, context, true));
    }

    /** Whether batch norms normalise by each batch's own statistics (see {@link #batchStatistics()}). */
    public boolean normalisesByBatch() {
        return batchStatistics;
    }

    /** The context its sessions are opened with. */
    public ProviderContext context() {
        return context;
    }

    private enum BatchStatisticsKey { KEY }

    /** The loss-and-gradient step graph behind this model (its gradient model is what adaptation runs). */
    public TrainingStep step() {
        return step;
    }

    /** The name of the graph input. */
    public String input() {
        return input;
    }

    @Override
    public LossKind lossKind() {
        return lossKind;
    }

    /** The graph input for {@code data}, prepared by the preprocessor. */
    public Tensor inputs(Dataset data) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            samples.add(data.sample(i));
        }
        return preprocessor.prepare(samples).get(input);
    }

    /**
     * What the loss compares the output with: int64 labels [N] for cross-entropy, float targets [N, size] for
     * squared error.
     *
     * @throws InvalidInputException naming the dataset when it lacks them
     */
    public Tensor labels(Dataset data) {
        if (lossKind == LossKind.CROSS_ENTROPY) {
            long[] y = new long[data.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = data.label(i);
                if (y[i] < 0) {
                    throw new InvalidInputException("example " + i + " of " + data.name() + " has no label");
                }
            }
            return Tensor.ofLongs(y, y.length);
        }
        if (!(data instanceof TargetDataset t)) {
            throw new InvalidInputException("a squared-error model needs real-valued targets, but " + data.name()
                    + " is a labelled dataset without them");
        }
        int width = t.targetSize();
        float[] y = new float[data.size() * width];
        for (int i = 0; i < data.size(); i++) {
            System.arraycopy(t.target(i), 0, y, i * width, width);
        }
        return Tensor.ofFloats(y, data.size(), width);
    }

    @Override
    public Parameters initialParameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        step.parameters().forEach(q -> p.put(q.name(), step.forward().parameter(q.name())));
        return new Parameters(p);
    }

    @Override
    public LossAndGradient lossAndGradient(Parameters parameters, Dataset batch) {
        Map<String, float[]> out = run("gradients", m -> step.gradientModel().toByteArray(), parameters, batch, true,
                Map.of());
        Map<String, Tensor> g = new LinkedHashMap<>();
        step.parameters().forEach(p -> g.put(p.name(), Tensor.ofFloats(out.get(p.gradient()), p.shape())));
        return new LossAndGradient(out.get(TrainingStep.LOSS)[0], new Parameters(g));
    }

    @Override
    public Predictions predict(Parameters parameters, Dataset data) {
        if (lossKind != LossKind.CROSS_ENTROPY) {
            throw new InvalidInputException("a regression model predicts values, not class probabilities; "
                    + "use outputs()");
        }
        float[] logits = outputs(parameters, data).floats();
        return new Predictions(data.classes(), Softmax.rows(logits, data.size(), logits.length / data.size()));
    }

    @Override
    public Tensor outputs(Parameters parameters, Dataset data) {
        float[] out = run("evaluation", m -> step.evaluation().toByteArray(), parameters, data, false, Map.of())
                .values().iterator().next();
        return Tensor.ofFloats(out, data.size(), out.length / Math.max(1, data.size()));
    }

    @Override
    public boolean supportsSecondOrder() {
        return true;
    }

    @Override
    public Parameters hessianVectorProduct(Parameters parameters, Dataset batch, Parameters vector) {
        if (hvp == null) {
            hvp = HessianVectorProduct.of(step);
        }
        Map<String, Tensor> v = new HashMap<>();
        vector.tensors().forEach((name, t) -> v.put(hvp.vectors().get(name), t));
        Map<String, float[]> out = run("hvp", m -> hvp.model().toByteArray(), parameters, batch, true, v);
        Map<String, Tensor> h = new LinkedHashMap<>();
        step.parameters().forEach(p -> h.put(p.name(), Tensor.ofFloats(out.get(hvp.products().get(p.name())),
                p.shape())));
        return new Parameters(h);
    }

    private Map<String, float[]> run(String which, Function<String, byte[]> model, Parameters parameters,
            Dataset data, boolean labelled, Map<String, Tensor> extra) {
        OrtModelSession s = sessions.computeIfAbsent(which, w -> OrtRuntime.open(model.apply(w), w + " graph",
                context));
        List<OnnxTensor> created = new ArrayList<>();
        try {
            Map<String, OnnxTensor> feed = new HashMap<>();
            feed.put(input, OrtRuntime.tensor(inputs(data), created));
            for (TrainingStep.Parameter p : step.parameters()) {
                Tensor t = parameters.tensors().get(p.name());
                if (t == null) {
                    throw new InvalidInputException("parameters lack " + p.name());
                }
                feed.put(p.name(), OrtRuntime.tensor(t, created));
            }
            for (Map.Entry<String, Tensor> e : extra.entrySet()) {
                feed.put(e.getKey(), OrtRuntime.tensor(e.getValue(), created));
            }
            if (labelled) {
                feed.put(TrainingStep.LABELS, OrtRuntime.tensor(labels(data), created));
            }
            Map<String, float[]> out = new LinkedHashMap<>();
            try (OrtSession.Result r = worker.call(() -> s.session().run(feed))) {
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                    FloatBuffer b = ((OnnxTensor) e.getValue()).getFloatBuffer();
                    float[] v = new float[b.remaining()];
                    b.get(v);
                    out.put(e.getKey(), v);
                }
            }
            return out;
        } catch (OrtException e) {
            throw new XferException(which + " graph failed in ONNX Runtime: " + e.getMessage(), e);
        } finally {
            created.forEach(OnnxTensor::close);
        }
    }

    /**
     * What {@code make} builds from {@code key}, built once per model and closed with it: graphs derived from this
     * model (a meta-learner's unrolled inner loop) and their sessions outlive one training run this way.
     */
    @SuppressWarnings("unchecked")
    public <K, T extends AutoCloseable> T cached(K key, Function<K, T> make) {
        return (T) cache.computeIfAbsent(key, k -> make.apply((K) k));
    }

    @Override
    public void close() {
        sessions.values().forEach(OrtModelSession::close);
        sessions.clear();
        for (AutoCloseable c : cache.values()) {
            try {
                c.close();
            } catch (Exception e) {
                throw new XferException("cannot close " + c + ": " + e.getMessage(), e);
            }
        }
        cache.clear();
        worker.close();
    }
}
