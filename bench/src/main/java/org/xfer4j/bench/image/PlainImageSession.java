package org.xfer4j.bench.image;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.OrtRuntime;

/**
 * The plain-session reference for image features: what a user writes with ONNX Runtime alone, given images already
 * decoded and prepared as float arrays. One session over the unchanged graph file, default options and the same
 * intra-op threads; a timed pass wraps each batch in a tensor, runs it and reads the graph's output.
 */
final class PlainImageSession implements AutoCloseable {

    private final OrtSession session;
    private final OrtSession.SessionOptions options;
    private final String input;
    private final List<Tensor> batches = new ArrayList<>();
    private final double prepareSeconds;

    /** A session over {@code onnx} and the inputs of {@code data} in batches of {@code batch}, prepared now. */
    PlainImageSession(Path onnx, SourceModel model, Dataset data, int batch, int threads) throws OrtException {
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        session = OrtRuntime.environment().createSession(onnx.toString(), options);
        input = model.inputs().getFirst().name();
        long t0 = System.nanoTime();
        for (int from = 0; from < data.size(); from += batch) {
            List<Sample> samples = IntStream.range(from, Math.min(data.size(), from + batch)).mapToObj(data::sample)
                    .toList();
            batches.add(model.preprocessor().prepare(samples).get(input));
        }
        prepareSeconds = (System.nanoTime() - t0) / 1e9;
    }

    /** Seconds the model's preprocessor took to read and prepare every image once, on the calling thread. */
    double prepareSeconds() {
        return prepareSeconds;
    }

    /** Runs every batch once; returns how many output values it read (so the work cannot be skipped). */
    long run() throws OrtException {
        long read = 0;
        for (Tensor t : batches) {
            try (OnnxTensor in = OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(t.floats()),
                    t.shape());
                 OrtSession.Result r = session.run(Map.of(input, in))) {
                read += ((OnnxTensor) r.get(0)).getFloatBuffer().remaining();
            }
        }
        return read;
    }

    @Override
    public void close() throws OrtException {
        session.close();
        options.close();
    }
}
