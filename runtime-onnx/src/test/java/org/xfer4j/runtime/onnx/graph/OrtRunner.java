package org.xfer4j.runtime.onnx.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
import java.util.Map;
import java.util.Random;

/** Runs a model's first output on one float input, for tests. */
public final class OrtRunner {

    private OrtRunner() {
    }

    /** Output 0 of {@code model} on {@code input} of {@code shape}, flattened. */
    public static float[] run(byte[] model, String inputName, float[] input, long... shape) throws OrtException {
        OrtEnvironment env = OrtRuntime.environment();
        try (OrtModelSession s = OrtRuntime.open(model, "test graph", ProviderContext.defaults());
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                OrtSession.Result r = s.session().run(Map.of(inputName, x))) {
            OnnxTensor out = (OnnxTensor) r.get(0);
            FloatBuffer b = out.getFloatBuffer();
            float[] v = new float[b.remaining()];
            b.get(v);
            return v;
        }
    }

    /** Shape of output 0 of {@code model} on {@code input}. */
    public static long[] outputShape(byte[] model, String inputName, float[] input, long... shape)
            throws OrtException {
        OrtEnvironment env = OrtRuntime.environment();
        try (OrtModelSession s = OrtRuntime.open(model, "test graph", ProviderContext.defaults());
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                OrtSession.Result r = s.session().run(Map.of(inputName, x))) {
            return ((OnnxTensor) r.get(0)).getInfo().getShape();
        }
    }

    /** Uniform random values in [-1, 1). */
    public static float[] random(long seed, int n) {
        Random rng = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextFloat() * 2 - 1;
        }
        return v;
    }
}
