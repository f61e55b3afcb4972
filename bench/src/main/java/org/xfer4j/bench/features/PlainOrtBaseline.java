package org.xfer4j.bench.features;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.OrtRuntime;

/**
 * The reference: what a user writes by hand with ONNX Runtime and DJL's tokenizer, no Xfer4j in between. The
 * original graph, its {@code last_hidden_state} output, pooled directly as the pack says (the [CLS] row, or the
 * mean over the attention mask); texts in padded batches, or one at a time on several threads each running the
 * session with one intra-op thread.
 */
final class PlainOrtBaseline implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession session;
    private final OrtSession.SessionOptions options;
    private final boolean meanPooled;

    /** A session over {@code model}'s graph file and its tokenizer.json, with {@code threads} intra-op threads. */
    static PlainOrtBaseline of(SourceModel model, int threads) throws IOException, OrtException {
        return new PlainOrtBaseline(model.onnxFile(), model.onnxFile().resolveSibling("tokenizer.json"), threads,
                model.pooling().sequence() == Pooling.Sequence.MASKED_MEAN);
    }

    /** A session over {@code onnx} with {@code threads} intra-op threads. */
    private PlainOrtBaseline(Path onnx, Path tokenizerJson, int threads, boolean meanPooled)
            throws IOException, OrtException {
        this.meanPooled = meanPooled;
        tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "true", "truncation", "true",
                "maxLength", "128"));
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        session = OrtRuntime.environment().createSession(onnx.toString(), options);
    }

    /** Pooled features of {@code texts}, row-major [n, 384], in batches of {@code batch}. */
    float[] extract(List<String> texts, int batch) throws OrtException {
        OrtEnvironment env = OrtRuntime.environment();
        List<float[]> parts = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += batch) {
            Encoding[] enc = tokenizer.batchEncode(texts.subList(from, Math.min(texts.size(), from + batch)));
            int n = enc.length;
            int len = enc[0].getIds().length;
            long[] ids = new long[n * len];
            long[] mask = new long[n * len];
            long[] types = new long[n * len];
            for (int i = 0; i < n; i++) {
                System.arraycopy(enc[i].getIds(), 0, ids, i * len, len);
                System.arraycopy(enc[i].getAttentionMask(), 0, mask, i * len, len);
                System.arraycopy(enc[i].getTypeIds(), 0, types, i * len, len);
            }
            long[] shape = {n, len};
            try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                 OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                 OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
                 OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
                FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
                parts.add(meanPooled ? mean(out, mask, n, len) : first(out, n, len));
            }
        }
        float[] all = new float[texts.size() * 384];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static float[] first(FloatBuffer out, int n, int len) {
        float[] cls = new float[n * 384];
        for (int i = 0; i < n; i++) {
            out.get(i * len * 384, cls, i * 384, 384);
        }
        return cls;
    }

    private static float[] mean(FloatBuffer out, long[] mask, int n, int len) {
        float[] mean = new float[n * 384];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int t = 0; t < len; t++) {
                if (mask[i * len + t] != 0) {
                    count++;
                    for (int h = 0; h < 384; h++) {
                        mean[i * 384 + h] += out.get((i * len + t) * 384 + h);
                    }
                }
            }
            float scale = 1f / Math.max(count, 1);
            for (int h = 0; h < 384; h++) {
                mean[i * 384 + h] *= scale;
            }
        }
        return mean;
    }

    /** Pooled features of {@code texts}, each text run alone, {@code lanes} texts at a time on as many threads. */
    float[] extractOneByOne(List<String> texts, int lanes) throws OrtException {
        float[] all = new float[texts.size() * 384];
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> works = new ArrayList<>();
        for (int l = 0; l < lanes; l++) {
            works.add(() -> {
                for (int i; (i = next.getAndIncrement()) < texts.size(); ) {
                    System.arraycopy(extract(texts.subList(i, i + 1), 1), 0, all, i * 384, 384);
                }
                return null;
            });
        }
        OrtRuntime.onOrtThreads(works);
        return all;
    }

    @Override
    public void close() throws OrtException {
        session.close();
        options.close();
        tokenizer.close();
    }
}
