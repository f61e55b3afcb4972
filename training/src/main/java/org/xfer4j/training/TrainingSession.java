package org.xfer4j.training;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.runtime.onnx.NativeMemory;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.training.autodiff.TrainingStep;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;

/**
 * Runs a {@link TrainingStep} repeatedly in ONNX Runtime. Parameters and optimiser state live in the runtime: the
 * tensors one step outputs are fed straight into the next, and Java sees their values only when asked
 * ({@link #parameters()}, {@link #trainedGraph()}).
 */
public final class TrainingSession implements AutoCloseable {

    /** What one step reports: the mean loss and the batch's predictions (row-major [N, K]). */
    public record StepOutput(double loss, float[] prediction, long[] predictionShape) {
    }

    private final TrainingStep step;
    private final OrtEnvironment env = OrtRuntime.environment();
    private final OrtModelSession session;
    private final Map<String, OnnxTensor> current = new LinkedHashMap<>();
    private final List<OnnxTensor> created = new ArrayList<>();
    private final ProviderContext context;
    private final OrtWorker worker = new OrtWorker();
    private OrtModelSession evaluation;
    private OrtSession.Result held;
    private long steps;

    /** Opens the step graph on {@code context}'s device; parameters start at the forward graph's values. */
    public TrainingSession(TrainingStep step, ProviderContext context) {
        this.step = step;
        this.context = context;
        this.session = OrtRuntime.open(step.model().toByteArray(), "training step", context, true);
        Map<String, Tensor> initial = new HashMap<>();
        for (TrainingStep.Parameter p : step.variables()) {
            initial.put(p.name(), step.forward().parameter(p.name()));
        }
        load(initial);
    }

    /** The step graph this session runs. */
    public TrainingStep step() {
        return step;
    }

    /** The number of steps taken. */
    public long steps() {
        return steps;
    }

    /**
     * One optimiser step on a batch.
     *
     * @param batch the data inputs (caller keeps ownership)
     * @param labels int64 labels [N] (or targets for regression); caller keeps ownership
     * @param learningRates per parameter group
     */
    public StepOutput run(Map<String, OnnxTensor> batch, OnnxTensor labels, Map<String, Double> learningRates) {
        Map<String, OnnxTensor> feed = new HashMap<>(batch);
        feed.put(TrainingStep.LABELS, labels);
        feed.putAll(current);
        List<OnnxTensor> scalars = new ArrayList<>();
        try {
            for (String g : step.groups()) {
                Double lr = learningRates.get(g);
                if (lr == null) {
                    throw new InvalidInputException("no learning rate for parameter group '" + g + "'; groups: "
                            + step.groups());
                }
                scalars.add(scalar(lr));
                feed.put(TrainingStep.learningRateInput(g), scalars.getLast());
            }
            if (step.usesStep()) {
                scalars.add(scalar(steps + 1));
                feed.put(TrainingStep.STEP, scalars.getLast());
            }
            OrtSession.Result r = worker.call(() -> session.session().run(feed));
            double loss = ((OnnxTensor) r.get(TrainingStep.LOSS).orElseThrow()).getFloatBuffer().get(0);
            OnnxTensor pred = (OnnxTensor) r.get(step.prediction()).orElseThrow();
            FloatBuffer pb = pred.getFloatBuffer();
            float[] prediction = new float[pb.remaining()];
            pb.get(prediction);
            for (String name : List.copyOf(current.keySet())) {
                OnnxValue v = r.get(TrainingStep.NEW + name).orElseThrow();
                current.put(name, (OnnxTensor) v);
            }
            release();
            held = r;
            steps++;
            return new StepOutput(loss, prediction, pred.getInfo().getShape());
        } catch (OrtException e) {
            throw new XferException("training step " + (steps + 1) + " failed in ONNX Runtime: " + e.getMessage(), e);
        } finally {
            scalars.forEach(OnnxTensor::close);
        }
    }

    /** Predictions (logits for cross-entropy) of the current parameters for {@code batch}, in inference mode. */
    public float[] predict(Map<String, OnnxTensor> batch) {
        if (evaluation == null) {
            evaluation = OrtRuntime.open(step.evaluation().toByteArray(), "evaluation graph", context);
        }
        Map<String, OnnxTensor> feed = new HashMap<>(batch);
        feed.putAll(current);
        step.parameters().forEach(p -> p.states().forEach(feed::remove));
        try (OrtSession.Result r = worker.call(() -> evaluation.session().run(feed))) {
            FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] v = new float[b.remaining()];
            b.get(v);
            return v;
        } catch (OrtException e) {
            throw new XferException("evaluation failed in ONNX Runtime: " + e.getMessage(), e);
        }
    }

    private OnnxTensor scalar(double v) throws OrtException {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {(float) v}), new long[0]);
    }

    /** Copies of the current parameter values (and running statistics, where the step updates them). */
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (TrainingStep.Parameter p : step.variables()) {
            FloatBuffer b = current.get(p.name()).getFloatBuffer();
            float[] v = new float[b.remaining()];
            b.get(v);
            out.put(p.name(), Tensor.ofFloats(v, p.shape()));
        }
        return out;
    }

    /** Sets parameters (a checkpoint) and zeroes the optimiser state. */
    public void load(Map<String, Tensor> parameters) {
        Map<String, OnnxTensor> fresh = new LinkedHashMap<>();
        try {
            for (TrainingStep.Parameter p : step.variables()) {
                Tensor t = parameters.get(p.name());
                if (t == null) {
                    throw new InvalidInputException("checkpoint lacks parameter " + p.name());
                }
                fresh.put(p.name(), OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), p.shape()));
                for (String s : p.states()) {
                    int n = Math.toIntExact(Tensor.elementCount(p.shape()));
                    fresh.put(s, OnnxTensor.createTensor(env, FloatBuffer.allocate(n), p.shape()));
                }
            }
        } catch (OrtException e) {
            fresh.values().forEach(OnnxTensor::close);
            throw new XferException("cannot create parameter tensors: " + e.getMessage(), e);
        }
        release();
        current.clear();
        current.putAll(fresh);
        created.addAll(fresh.values());
    }

    /** The forward graph with the current parameter values: the trained inference model. */
    public OnnxGraph trainedGraph() {
        return withParameters(step.forward());
    }

    /** {@code graph} (the forward graph or one containing it) with the current parameter values. */
    public OnnxGraph withParameters(OnnxGraph graph) {
        OnnxGraph g = graph;
        for (Map.Entry<String, Tensor> p : parameters().entrySet()) {
            g = g.withParameter(p.getKey(), p.getValue());
        }
        return g;
    }

    private void release() {
        if (held != null) {
            held.close();
            held = null;
        }
        created.forEach(OnnxTensor::close);
        created.clear();
    }

    /** Closes the sessions and hands the memory they freed (parameters, optimiser state, activations) back. */
    @Override
    public void close() {
        release();
        current.clear();
        try {
            session.close();
            if (evaluation != null) {
                evaluation.close();
            }
        } finally {
            worker.close();
            NativeMemory.release();
        }
    }
}
