package org.xfer4j.repurposers.finetune;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Options;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.runtime.onnx.graph.LayerSpec;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.ValueInfos;
import org.xfer4j.training.Softmax;
import org.xfer4j.training.TrainingHistory;

/**
 * A fine-tuned graph (source layers and new head, ending in logits) with the preprocessing of its source. Saves as
 * ONNX bytes plus its classes and preprocessing; exports as one ONNX graph ending in class probabilities.
 * Thread-safe as {@link RepurposedModel} promises: its session opens once, on the first prediction of any thread.
 */
public final class FinetunedModel implements RepurposedModel {

    private static final int BATCH = 64;

    private final String providerId;
    private final Options options;
    private final List<String> classes;
    private final OnnxGraph graph;
    private final String input;
    private final String preprocessing;
    private final Preprocessor preprocessor;
    private final boolean ownsPreprocessor;
    private final TrainingHistory history;
    private final ProviderContext context;
    private OrtModelSession session;

    FinetunedModel(String providerId, Options options, List<String> classes, OnnxGraph graph, String input,
            String preprocessing, Preprocessor preprocessor, boolean ownsPreprocessor, TrainingHistory history,
            ProviderContext context) {
        this.providerId = providerId;
        this.options = options;
        this.classes = List.copyOf(classes);
        this.graph = graph;
        this.input = input;
        this.preprocessing = preprocessing;
        this.preprocessor = preprocessor;
        this.ownsPreprocessor = ownsPreprocessor;
        this.history = history;
        this.context = context;
    }

    static FinetunedModel load(String providerId, PayloadReader payload, Options options, ProviderContext context) {
        String text = payload.getText("preprocessing");
        String where = providerId + " payload entry 'graph.onnx'";
        OnnxGraph g = OnnxGraph.fromBytes(payload.getBytes("graph.onnx"), where);
        g.requireFiniteParameters(where);
        List<String> classes = List.of(payload.getText("classes").split("\n"));
        long[] out = ValueInfos.dims(g.model().getGraph().getOutput(0));
        if (out != null && out.length > 0 && out[out.length - 1] > 0 && out[out.length - 1] != classes.size()) {
            throw new InvalidInputException(where + " ends in " + out[out.length - 1] + " logits, but payload entry "
                    + "'classes' names " + classes.size() + " classes (damaged or altered)");
        }
        return new FinetunedModel(providerId, options, classes, g,
                payload.getText("input"), text, Preprocessing.restore(text, providerId, payload), true,
                new TrainingHistory(List.of(), -1, false), context);
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    /** The trained graph (ending in logits). */
    public OnnxGraph graph() {
        return graph;
    }

    /** Loss and accuracy per epoch of the training that made this model (empty after loading). */
    public TrainingHistory history() {
        return history;
    }

    @Override
    public List<Double> trainingLoss() {
        return history.epochs().stream().map(TrainingHistory.Epoch::trainLoss).toList();
    }

    @Override
    public Predictions predict(Dataset data, Progress progress) {
        double[][] probabilities = new double[data.size()][];
        progress.start("predicting " + data.name(), data.size());
        for (int from = 0; from < data.size(); from += BATCH) {
            progress.checkCancelled();
            int to = Math.min(data.size(), from + BATCH);
            float[] logits = run(SourceExamples.prepare(data, preprocessor, from, to));
            System.arraycopy(Softmax.rows(logits, to - from, classes.size()), 0, probabilities, from, to - from);
            progress.advance(to - from);
        }
        progress.finish();
        return new Predictions(classes, probabilities);
    }

    private float[] run(Map<String, Tensor> inputs) {
        OrtModelSession session = session();
        List<OnnxTensor> created = new ArrayList<>();
        try {
            Map<String, OnnxTensor> feed = new HashMap<>();
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                feed.put(e.getKey(), OrtRuntime.tensor(e.getValue(), created));
            }
            try (OrtSession.Result r = OrtRuntime.onOrtThread(() -> session.session().run(feed))) {
                FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[] v = new float[b.remaining()];
                b.get(v);
                return v;
            }
        } catch (OrtException e) {
            throw new XferException(providerId + " model failed in ONNX Runtime: " + e.getMessage(), e);
        } finally {
            created.forEach(OnnxTensor::close);
        }
    }

    /** The session, opened on first use; once, even when several threads predict first at the same time. */
    private synchronized OrtModelSession session() {
        if (session == null) {
            session = OrtRuntime.open(graph.toBytes(), providerId + " model", context);
        }
        return session;
    }

    @Override
    public void save(PayloadWriter payload) {
        payload.putBytes("graph.onnx", graph.toBytes());
        payload.putText("classes", String.join("\n", classes));
        payload.putText("input", input);
        payload.putText("preprocessing", preprocessing);
        Preprocessing.save(preprocessor, payload);
    }

    @Override
    public void exportOnnx(Path target) {
        graph.addOnTop(0, LayerSpec.softmax()).save(target);
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
        if (ownsPreprocessor && preprocessor instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new XferException("cannot close the preprocessor: " + e.getMessage(), e);
            }
        }
    }
}
