package org.xfer4j.runtime.onnx.feature;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a graph so that its outputs are exactly some of its intermediate tensors. ONNX Runtime then computes
 * only the nodes those tensors depend on, so a lower layer costs less than the whole network.
 */
final class ExposedOutputs {

    private ExposedOutputs() {
    }

    /** The serialised {@code model} whose graph outputs are {@code tensors}, in that order. */
    static byte[] of(ModelProto model, List<String> tensors) {
        GraphProto graph = model.getGraph();
        Map<String, ValueInfoProto> described = new HashMap<>();
        for (ValueInfoProto v : graph.getValueInfoList()) {
            described.put(v.getName(), v);
        }
        for (ValueInfoProto v : graph.getOutputList()) {
            described.put(v.getName(), v);
        }
        GraphProto.Builder g = graph.toBuilder().clearOutput();
        for (String t : tensors) {
            // without a declared type the runtime infers it while loading
            g.addOutput(described.getOrDefault(t, ValueInfoProto.newBuilder().setName(t).build()));
        }
        return model.toBuilder().setGraph(g).build().toByteArray();
    }
}
