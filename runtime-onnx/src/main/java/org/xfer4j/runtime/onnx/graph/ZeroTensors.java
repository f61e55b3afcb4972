package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Tensor;

/** All-zero ONNX Runtime tensors of a given type and shape. */
final class ZeroTensors {

    private ZeroTensors() {
    }

    static OnnxTensor of(OrtEnvironment env, ShapeProbe.TensorType t) throws OrtException {
        int n = Math.toIntExact(Tensor.elementCount(t.shape()));
        return switch (t.elemType()) {
            case TensorProto.DataType.FLOAT_VALUE -> OnnxTensor.createTensor(env, FloatBuffer.allocate(n), t.shape());
            case TensorProto.DataType.DOUBLE_VALUE -> OnnxTensor.createTensor(env, DoubleBuffer.allocate(n), t.shape());
            case TensorProto.DataType.INT64_VALUE -> OnnxTensor.createTensor(env, LongBuffer.allocate(n), t.shape());
            case TensorProto.DataType.INT32_VALUE -> OnnxTensor.createTensor(env, IntBuffer.allocate(n), t.shape());
            case TensorProto.DataType.BOOL_VALUE -> OnnxTensor.createTensor(env, ByteBuffer.allocate(n), t.shape(),
                    ai.onnxruntime.OnnxJavaType.BOOL);
            default -> throw new InvalidInputException("cannot make a zero input of ONNX element type " + t.elemType());
        };
    }
}
