package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs a test graph on double-valued inputs (converted to the graph's float type) and reads outputs as doubles. */
final class OrtValues implements AutoCloseable {

    /** A named input value of a given shape. */
    record Value(double[] data, long[] shape) {
    }

    private final OrtEnvironment env = OrtRuntime.environment();
    private final OrtModelSession model;
    private final OrtSession session;
    private final int elemType;

    OrtValues(byte[] model, int elemType) throws OrtException {
        this.elemType = elemType;
        this.model = OrtRuntime.open(model, "test graph", new ProviderContext(
                ProviderContext.defaults().cacheDir(), org.xfer4j.api.Device.CPU, 1, 1, org.xfer4j.api.Progress.NONE));
        this.session = this.model.session();
    }

    Map<String, double[]> run(Map<String, Value> inputs, Map<String, long[]> longInputs) throws OrtException {
        return run(inputs, longInputs, Map.of());
    }

    /** Like {@link #run(Map, Map)}, int64 inputs shaped as {@code longShapes} says (1-d where it says nothing). */
    Map<String, double[]> run(Map<String, Value> inputs, Map<String, long[]> longInputs, Map<String, long[]> longShapes)
            throws OrtException {
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (Map.Entry<String, Value> in : inputs.entrySet()) {
                double[] d = in.getValue().data();
                if (elemType == TensorProto.DataType.DOUBLE_VALUE) {
                    feed.put(in.getKey(), OnnxTensor.createTensor(env, DoubleBuffer.wrap(d), in.getValue().shape()));
                } else {
                    float[] f = new float[d.length];
                    for (int i = 0; i < d.length; i++) {
                        f[i] = (float) d[i];
                    }
                    feed.put(in.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(f), in.getValue().shape()));
                }
            }
            for (Map.Entry<String, long[]> in : longInputs.entrySet()) {
                feed.put(in.getKey(), OnnxTensor.createTensor(env, LongBuffer.wrap(in.getValue()),
                        longShapes.getOrDefault(in.getKey(), new long[] {in.getValue().length})));
            }
            Map<String, double[]> out = new LinkedHashMap<>();
            try (OrtSession.Result r = session.run(feed)) {
                r.forEach(e -> out.put(e.getKey(), toDoubles((OnnxTensor) e.getValue())));
            }
            return out;
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static double[] toDoubles(OnnxTensor t) {
        if (t.getInfo().type == ai.onnxruntime.OnnxJavaType.DOUBLE) {
            DoubleBuffer b = t.getDoubleBuffer();
            double[] d = new double[b.remaining()];
            b.get(d);
            return d;
        }
        FloatBuffer b = t.getFloatBuffer();
        double[] d = new double[b.remaining()];
        for (int i = 0; i < d.length; i++) {
            d[i] = b.get(i);
        }
        return d;
    }

    @Override
    public void close() {
        model.close();
    }
}
