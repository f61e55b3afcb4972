package org.xfer4j.importer.tfjs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.runtime.onnx.OrtRuntime;

/**
 * Runs an imported graph with a plain ONNX Runtime session and returns named tensors (graph outputs or any inner
 * tensor, exposed as an extra output), rank-4 ones transposed back to Keras's NHWC so they compare with TF.js.
 * Sessions run on the runtime's big-stack ONNX Runtime threads.
 */
final class OrtProbe {

    private OrtProbe() {
    }

    /** The {@code tensors} of {@code model} for {@code inputs} (NCHW float32, name to values and shape). */
    static Map<String, float[]> run(byte[] model, Map<String, float[]> inputs, Map<String, long[]> shapes,
            List<String> tensors) throws Exception {
        ModelProto.Builder m = ModelProto.parseFrom(model).toBuilder();
        for (String t : tensors) {
            if (m.getGraph().getOutputList().stream().noneMatch(o -> o.getName().equals(t))) {
                m.getGraphBuilder().addOutput(ValueInfoProto.newBuilder().setName(t));
            }
        }
        byte[] exposed = m.build().toByteArray();
        return OrtRuntime.onOrtThread(() -> runHere(exposed, inputs, shapes, tensors));
    }

    private static Map<String, float[]> runHere(byte[] model, Map<String, float[]> inputs, Map<String, long[]> shapes,
            List<String> tensors) throws Exception {
        OrtEnvironment env = OrtRuntime.environment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(model, opts)) {
            Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
            try {
                for (var e : inputs.entrySet()) {
                    feeds.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()),
                            shapes.get(e.getKey())));
                }
                Map<String, float[]> out = new LinkedHashMap<>();
                try (OrtSession.Result r = session.run(feeds, new java.util.LinkedHashSet<>(tensors))) {
                    for (String name : tensors) {
                        OnnxTensor v = (OnnxTensor) r.get(name).orElseThrow();
                        long[] shape = ((TensorInfo) v.getInfo()).getShape();
                        FloatBuffer fb = v.getFloatBuffer();
                        float[] values = new float[fb.remaining()];
                        fb.get(values);
                        out.put(name, shape.length == 4 ? Layouts.nchwToNhwc(values, shape) : values);
                    }
                }
                return out;
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
    }
}
