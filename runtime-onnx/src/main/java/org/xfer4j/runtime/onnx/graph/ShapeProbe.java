package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.XferException;

/**
 * The shape and element type of every tensor of a graph, found by running it once on zeros with ONNX Runtime (a
 * batch of one where the batch dimension is dynamic). Cheaper and more faithful than re-implementing shape inference.
 */
public final class ShapeProbe {

    /** Shape and ONNX element type of one tensor. */
    public record TensorType(long[] shape, int elemType) {
        /** The rank. */
        public int rank() {
            return shape.length;
        }
    }

    private ShapeProbe() {
    }

    /**
     * Types of every data tensor of {@code graph} for inputs of the given shapes (missing inputs use their declared
     * shape with a dynamic first dimension taken as 1).
     *
     * @throws InvalidInputException naming an input whose shape is unknown or has a dynamic dimension beyond the first
     */
    public static Map<String, TensorType> probe(ModelProto model, Map<String, long[]> inputShapes) {
        GraphProto g = model.getGraph();
        Set<String> known = new HashSet<>();
        g.getInitializerList().forEach(t -> known.add(t.getName()));
        GraphProto.Builder exposed = g.toBuilder().clearOutput();
        Set<String> outputs = new java.util.LinkedHashSet<>();
        for (NodeProto n : g.getNodeList()) {
            outputs.addAll(n.getOutputList());
        }
        outputs.removeIf(String::isEmpty);
        for (String o : outputs) {
            exposed.addOutput(ValueInfoProto.newBuilder().setName(o));
        }
        Map<String, TensorType> types = new LinkedHashMap<>();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            opts.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(model.toBuilder().setGraph(exposed).build().toByteArray(), opts)) {
                Map<String, OnnxTensor> feed = new HashMap<>();
                try {
                    for (ValueInfoProto in : g.getInputList()) {
                        long[] shape = inputShapes.containsKey(in.getName()) ? inputShapes.get(in.getName())
                                : concrete(in);
                        TensorType t = new TensorType(shape, ValueInfos.elemType(in));
                        feed.put(in.getName(), ZeroTensors.of(env, t));
                        types.put(in.getName(), t);
                    }
                    try (OrtSession.Result r = s.run(feed)) {
                        for (Map.Entry<String, OnnxValue> e : r) {
                            if (e.getValue().getInfo() instanceof TensorInfo ti) {
                                types.put(e.getKey(), new TensorType(ti.getShape(), ti.onnxType.value));
                            }
                        }
                    }
                } finally {
                    feed.values().forEach(OnnxTensor::close);
                }
            }
        } catch (OrtException e) {
            throw new XferException("ONNX Runtime cannot run graph " + g.getName() + " to find its shapes: "
                    + e.getMessage(), e);
        }
        return types;
    }

    private static long[] concrete(ValueInfoProto in) {
        long[] d = ValueInfos.dims(in);
        if (d == null) {
            throw new InvalidInputException("input " + in.getName() + " has no declared shape; set one with "
                    + "OnnxGraph.withInputShape");
        }
        d = d.clone();
        for (int i = 0; i < d.length; i++) {
            if (d[i] < 0) {
                if (i > 0) {
                    throw new InvalidInputException("input " + in.getName() + " has dynamic dimension " + i + " in "
                            + Arrays.toString(ValueInfos.dims(in)) + "; fix it with OnnxGraph.withInputShape");
                }
                d[i] = 1;
            }
        }
        return d;
    }
}
