package org.xfer4j.runtime.onnx.feature;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xfer4j.api.Device;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureExtractor;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.api.model.LayerInfo;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.runtime.onnx.export.FeatureGraphExport;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.model.OnnxGraphs;
import org.xfer4j.runtime.onnx.text.TokenizerPreprocessor;

/**
 * Extracts features of any named layers of an ONNX source model. For each set of layers it opens one session over
 * the graph rewritten to output those layers' tensors, and keeps it until {@link #close()}. Thread-safe: threads
 * may extract concurrently, from the first call on (sessions open under a lock; ONNX Runtime runs one session from
 * several threads at once); {@link #close()} must wait until they are done.
 * <p>
 * An example's features never depend on the other examples of its batch: a graph that couples them (dynamic
 * quantisation, see {@link BatchCoupling}) runs one example at a time, on as many concurrent one-thread runs of its
 * session as the context has threads, so the machine stays busy without batching.
 */
public final class OnnxFeatureExtractor implements FeatureExtractor {

    private final SourceModel model;
    private final ExtractionOptions options;
    private final ProviderContext context;
    private final ModelProto graph;
    private final Map<List<String>, OrtModelSession> sessions = new HashMap<>();
    private final boolean perExample;

    /** An extractor over {@code model}; sessions open on {@code context.device()} when first needed. */
    public OnnxFeatureExtractor(SourceModel model, ExtractionOptions options, ProviderContext context) {
        this.model = model;
        this.options = options;
        this.context = context;
        OrtRuntime.requireDevice(context.device());
        this.graph = OnnxGraphs.parse(OnnxGraphs.read(model.onnxFile()), model.onnxFile());
        this.perExample = BatchCoupling.of(graph).isPresent();
    }

    /** Whether this model runs one example at a time because its graph couples the examples of a batch. */
    public boolean runsPerExample() {
        return perExample;
    }

    @Override
    public SourceModel model() {
        return model;
    }

    /**
     * {@inheritDoc} An empty {@code layers} list means the model's default feature layer. A layer is named by its
     * node or by one of the node's output tensors; a node stands for its first output.
     *
     * @throws InvalidInputException when a layer yields NaN or infinite features, or has no batch dimension
     * @throws Progress.CancelledException when {@code progress} is cancelled between batches
     */
    @Override
    public FeatureMatrix extract(Dataset data, List<String> layers, Progress progress) {
        List<String> names = layers.isEmpty() ? List.of(model.defaultFeatureLayer()) : List.copyOf(layers);
        List<String> tensors = names.stream().map(this::tensorOf).toList();
        OrtModelSession session = session(tensors);
        progress.start("features of " + model.name(), data.size());
        try {
            FeatureMatrix features = run(session.session(), data, names, tensors, progress);
            progress.finish();
            return features.requireFinite("features of " + model.name());
        } catch (OrtException e) {
            throw new XferException("ONNX Runtime failed on " + model.name() + " layers " + names + ": "
                    + e.getMessage(), e);
        }
    }

    private String tensorOf(String layer) {
        LayerInfo info = model.layer(layer);
        return info.outputs().contains(layer) ? layer : info.outputs().getFirst();
    }

    /** The session for {@code tensors}, opened once even when several threads ask for it first at the same time. */
    private synchronized OrtModelSession session(List<String> tensors) {
        List<String> key = tensors.stream().distinct().toList();
        ProviderContext runs = lanes() > 1 ? new ProviderContext(context.cacheDir(), context.device(), 1,
                context.seed(), context.progress()) : context;
        return sessions.computeIfAbsent(key, k -> OrtRuntime.open(ExposedOutputs.of(graph, k),
                model.name() + " (outputs " + k + ")", runs));
    }

    /** Concurrent runs: one per thread for graphs run per example on the CPU, else one run using every thread. */
    private int lanes() {
        if (!perExample || context.device().kind() == Device.Kind.CUDA) {
            return 1;
        }
        return context.threads() > 0 ? context.threads() : Runtime.getRuntime().availableProcessors();
    }

    /** The pooled features of every example, layer blocks side by side. */
    private FeatureMatrix run(OrtSession session, Dataset data, List<String> names, List<String> tensors,
                              Progress progress) throws OrtException {
        FeatureRows rows = new FeatureRows(names, data.size());
        AtomicBoolean failed = new AtomicBoolean();
        Object reporting = new Object(); // progress listeners and the rows need not be thread-safe
        // concurrent runs prepare their own examples (the other run keeps the cores busy meanwhile); a single run
        // has them prepared ahead on the prefetch threads
        try (BatchPrefetcher batches = new BatchPrefetcher(data, perExample ? 1 : options.batchSize(),
                model.preprocessor(), lanes() > 1 ? 0 : options.prefetchThreads())) {
            Callable<Void> lane = () -> {
                boolean done = false;
                try {
                    for (BatchPrefetcher.Batch batch; (batch = next(batches, failed, progress, reporting)) != null; ) {
                        List<float[]> pooled = runBatch(session, batch, names, tensors);
                        synchronized (reporting) {
                            rows.add(batch.from(), batch.size(), pooled);
                            progress.advance(batch.size());
                        }
                    }
                    done = true;
                    return null;
                } finally {
                    if (!done) {
                        failed.set(true); // the other lanes stop at their next batch
                    }
                }
            };
            OrtRuntime.onOrtThreads(Collections.nCopies(lanes(), lane));
        }
        return rows.matrix();
    }

    /** The next batch for a lane, or null when there is none or another lane failed. */
    private static BatchPrefetcher.Batch next(BatchPrefetcher batches, AtomicBoolean failed, Progress progress,
            Object reporting) {
        if (failed.get()) {
            return null;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new Progress.CancelledException();
        }
        synchronized (reporting) {
            progress.checkCancelled();
        }
        return batches.next();
    }

    /** Per layer, the pooled features of the batch's examples, row-major. */
    private List<float[]> runBatch(OrtSession session, BatchPrefetcher.Batch batch, List<String> names,
            List<String> tensors) throws OrtException {
        Map<String, Tensor> prepared = batch.inputs();
        Tensor mask = model.pooling().maskInput() == null ? null : prepared.get(model.pooling().maskInput());
        Map<String, OnnxTensor> feeds = feeds(prepared);
        try (OrtSession.Result result = session.run(feeds)) {
            List<float[]> pooled = new ArrayList<>();
            for (int l = 0; l < names.size(); l++) {
                pooled.add(ActivationPooling.pool(floats(result, tensors.get(l), names.get(l)),
                        shape(result, tensors.get(l)), model.pooling(), mask == null ? null : mask.longs(),
                        batch.size(), names.get(l)));
            }
            return pooled;
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private Map<String, OnnxTensor> feeds(Map<String, Tensor> prepared) throws OrtException {
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        for (InputSpec in : model.inputs()) {
            Tensor t = prepared.get(in.name());
            if (t == null) {
                feeds.values().forEach(OnnxTensor::close);
                throw new InvalidInputException("the preprocessor of " + model.name() + " gave no tensor for input "
                        + in.name() + "; it gave " + prepared.keySet());
            }
            feeds.put(in.name(), OrtRuntime.tensor(t));
        }
        return feeds;
    }

    private float[] floats(OrtSession.Result result, String tensor, String layer) {
        OnnxValue v = result.get(tensor).orElseThrow();
        if (!(v instanceof OnnxTensor t) || ((TensorInfo) t.getInfo()).type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new InvalidInputException("layer " + layer + " outputs " + v.getInfo() + "; features must come from"
                    + " a float32 tensor");
        }
        FloatBuffer b = t.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    private static long[] shape(OrtSession.Result result, String tensor) {
        return ((TensorInfo) result.get(tensor).orElseThrow().getInfo()).getShape();
    }

    /**
     * {@inheritDoc} Where the model reads text, its tokenizer.json is copied beside {@code target} as
     * {@code <name>.tokenizer.json}; the graph declares it, with the rest of the preprocessing, in its metadata, so
     * it reopens as a model.
     */
    @Override
    public void exportOnnx(List<String> layers, FeatureClassifier classifier, Map<String, String> metadata,
            Path target) {
        List<String> names = layers.isEmpty() ? List.of(model.defaultFeatureLayer()) : List.copyOf(layers);
        String tokenizer = target.getFileName().toString().replaceFirst("\\.onnx$", "") + ".tokenizer.json";
        OnnxGraph.of(FeatureGraphExport.build(model, names, classifier, metadata, tokenizer), target.toString())
                .save(target);
        if (model.preprocessor() instanceof TokenizerPreprocessor t) {
            Path copy = target.resolveSibling(tokenizer);
            try {
                java.nio.file.Files.copy(t.file(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new XferException("cannot write the tokenizer beside " + target + ": " + e.getMessage(), e);
            }
        }
    }

    /** Closes every session this extractor opened. */
    @Override
    public synchronized void close() {
        sessions.values().forEach(OrtModelSession::close);
        sessions.clear();
    }
}
