package org.xfer4j.training;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.runtime.onnx.graph.FrozenPrefix;

/** Runs the frozen prefix of a graph once over every example and keeps the boundary tensor as new examples. */
public final class PrefixCache {

    private PrefixCache() {
    }

    /** The boundary values of every example of {@code data}, as examples for the suffix graph. */
    public static ExampleSet boundaryValues(FrozenPrefix split, ExampleSet data, int batchSize,
            ProviderContext context) {
        int[] all = new int[data.size()];
        Arrays.setAll(all, i -> i);
        float[] values = null;
        long[] exampleShape = null;
        int per = 0;
        try (OrtModelSession s = OrtRuntime.open(split.prefix().toBytes(), "frozen prefix", context)) {
            for (int from = 0; from < all.length; from += batchSize) {
                context.progress().checkCancelled();
                int to = Math.min(all.length, from + batchSize);
                try (OnnxTensor x = data.batch(all, from, to);
                        OrtSession.Result r = OrtRuntime.onOrtThread(() -> s.session().run(Map.of(data.input(), x)))) {
                    OnnxTensor out = (OnnxTensor) r.get(0);
                    if (values == null) {
                        long[] shape = out.getInfo().getShape();
                        exampleShape = Arrays.copyOfRange(shape, 1, shape.length);
                        per = (int) (out.getInfo().getNumElements() / (to - from));
                        values = new float[Math.multiplyExact(per, data.size())];
                    }
                    FloatBuffer b = out.getFloatBuffer();
                    b.get(values, from * per, (to - from) * per);
                }
            }
        } catch (OrtException e) {
            throw new XferException("cannot run the frozen prefix up to " + split.boundary() + ": " + e.getMessage(),
                    e);
        }
        return new ExampleSet(split.boundary(), exampleShape, values, data.labels());
    }
}
