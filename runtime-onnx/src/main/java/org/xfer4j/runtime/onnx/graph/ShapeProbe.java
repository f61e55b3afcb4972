package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
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
        OrtEnvironment env = OrtRuntime.environment();
        byte[] bytes = model.toBuilder().setGraph(exposed).build().toByteArray();
        try (OrtModelSession s = OrtRuntime.open(bytes, "graph " + g.getName(), ProviderContext.defaults())) {
            Map<String, OnnxTensor> feed = new HashMap<>();
            try {
                for (ValueInfoProto in : g.getInputList()) {
                    long[] shape = inputShapes.containsKey(in.getName()) ? inputShapes.get(in.getName())
                            : concrete(in);
                    TensorType t = new TensorType(shape, ValueInfos.elemType(in));
                    feed.put(in.getName(), ZeroTensors.of(env, t));
                    types.put(in.getName(), t);
                }
                try (OrtSession.Result r = OrtRuntime.onOrtThread(() -> s.session().run(feed))) {
                    for (Map.Entry<String, OnnxValue> e : r) {
                        if (e.getValue().getInfo() instanceof TensorInfo ti) {
                            types.put(e.getKey(), new TensorType(ti.getShape(), onnxType(ti.type)));
                        }
                    }
                }
            } finally {
                feed.values().forEach(OnnxTensor::close);
            }
        } catch (OrtException e) {
            throw new XferException("ONNX Runtime cannot run graph " + g.getName() + " to find its shapes: "
                    + e.getMessage(), e);
        }
        return types;
    }

    /** The ONNX data type of an ONNX Runtime Java type (the runtime's own enum numbers differ). */
    static int onnxType(ai.onnxruntime.OnnxJavaType t) {
        return switch (t) {
            case FLOAT -> TensorProto.DataType.FLOAT_VALUE;
            case DOUBLE -> TensorProto.DataType.DOUBLE_VALUE;
            case INT64 -> TensorProto.DataType.INT64_VALUE;
            case INT32 -> TensorProto.DataType.INT32_VALUE;
            case INT16 -> TensorProto.DataType.INT16_VALUE;
            case INT8 -> TensorProto.DataType.INT8_VALUE;
            case UINT8 -> TensorProto.DataType.UINT8_VALUE;
            case BOOL -> TensorProto.DataType.BOOL_VALUE;
            case FLOAT16 -> TensorProto.DataType.FLOAT16_VALUE;
            case BFLOAT16 -> TensorProto.DataType.BFLOAT16_VALUE;
            case STRING -> TensorProto.DataType.STRING_VALUE;
            default -> TensorProto.DataType.UNDEFINED_VALUE;
        };
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
