package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/** Builds and reads the type of graph inputs and outputs. */
public final class ValueInfos {

    private ValueInfos() {
    }

    /** A tensor of {@code elemType} with {@code dims} (-1: a dynamic dimension), or of unknown shape where null. */
    public static ValueInfoProto tensor(String name, int elemType, long[] dims) {
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(elemType);
        if (dims != null) {
            TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
            for (int i = 0; i < dims.length; i++) {
                s.addDim(dims[i] >= 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(dims[i])
                        : TensorShapeProto.Dimension.newBuilder().setDimParam(i == 0 ? "N" : name + "_d" + i));
            }
            t.setShape(s);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(t)).build();
    }

    /** The element type of {@code v} (0 where unknown). */
    public static int elemType(ValueInfoProto v) {
        return v.getType().getTensorType().getElemType();
    }

    /** The dimensions of {@code v} (-1 for dynamic ones), or null where its shape is unknown. */
    public static long[] dims(ValueInfoProto v) {
        if (!v.getType().getTensorType().hasShape()) {
            return null;
        }
        TensorShapeProto s = v.getType().getTensorType().getShape();
        long[] d = new long[s.getDimCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = s.getDim(i).hasDimValue() ? s.getDim(i).getDimValue() : -1;
        }
        return d;
    }
}
