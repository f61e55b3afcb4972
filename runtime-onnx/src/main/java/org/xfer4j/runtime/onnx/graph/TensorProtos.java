package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Tensor;

/** Conversions between ONNX {@link TensorProto}s and Java arrays or {@link Tensor}s. */
public final class TensorProtos {

    private TensorProtos() {
    }

    /** The dimensions of {@code t}. */
    public static long[] shape(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** The element count of {@code t}. */
    public static long size(TensorProto t) {
        return Tensor.elementCount(shape(t));
    }

    /** A float32 tensor named {@code name}. */
    public static TensorProto floats(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return header(name, shape, TensorProto.DataType.FLOAT).setRawData(ByteString.copyFrom(b.array())).build();
    }

    /** A float64 tensor named {@code name}. */
    public static TensorProto doubles(String name, long[] shape, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return header(name, shape, TensorProto.DataType.DOUBLE).setRawData(ByteString.copyFrom(b.array())).build();
    }

    /** An int64 tensor named {@code name}. */
    public static TensorProto longs(String name, long[] shape, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return header(name, shape, TensorProto.DataType.INT64).setRawData(ByteString.copyFrom(b.array())).build();
    }

    /** A 1-d string tensor of {@code values} (UTF-8). */
    public static TensorProto strings(String name, java.util.List<String> values) {
        TensorProto.Builder t = header(name, new long[] {values.size()}, TensorProto.DataType.STRING);
        values.forEach(v -> t.addStringData(com.google.protobuf.ByteString.copyFromUtf8(v)));
        return t.build();
    }

    /** A scalar (rank 0) of data type {@code type} holding {@code value}. */
    public static TensorProto scalar(String name, int type, double value) {
        return switch (type) {
            case TensorProto.DataType.FLOAT_VALUE -> floats(name, new long[0], new float[] {(float) value});
            case TensorProto.DataType.DOUBLE_VALUE -> doubles(name, new long[0], new double[] {value});
            case TensorProto.DataType.INT64_VALUE -> longs(name, new long[0], new long[] {(long) value});
            default -> throw new InvalidInputException("no scalar of ONNX data type " + type + " for " + name);
        };
    }

    /** A 1-d int64 tensor of {@code values}. */
    public static TensorProto vector(String name, long... values) {
        return longs(name, new long[] {values.length}, values);
    }

    private static TensorProto.Builder header(String name, long[] shape, TensorProto.DataType type) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
        for (long d : shape) {
            t.addDims(d);
        }
        return t;
    }

    /** The values of a float32 or float64 tensor as doubles. */
    public static double[] toDoubles(TensorProto t) {
        int n = Math.toIntExact(size(t));
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[n];
        switch (t.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = t.hasRawData() ? raw.getFloat(4 * i) : t.getFloatData(i);
                }
            }
            case TensorProto.DataType.DOUBLE_VALUE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = t.hasRawData() ? raw.getDouble(8 * i) : t.getDoubleData(i);
                }
            }
            default -> throw new InvalidInputException("tensor " + t.getName() + " has data type "
                    + t.getDataType() + ", not float32 or float64");
        }
        return out;
    }

    /** The values of a float32 tensor. */
    public static float[] toFloats(TensorProto t) {
        double[] d = toDoubles(t);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** The values of an int64 or int32 tensor. */
    public static long[] toLongs(TensorProto t) {
        int n = Math.toIntExact(size(t));
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[n];
        switch (t.getDataType()) {
            case TensorProto.DataType.INT64_VALUE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = t.hasRawData() ? raw.getLong(8 * i) : t.getInt64Data(i);
                }
            }
            case TensorProto.DataType.INT32_VALUE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = t.hasRawData() ? raw.getInt(4 * i) : t.getInt32Data(i);
                }
            }
            default -> throw new InvalidInputException("tensor " + t.getName() + " has data type "
                    + t.getDataType() + ", not int64 or int32");
        }
        return out;
    }

    /** The tensor as an api {@link Tensor} (float32 for floating types, int64 for integer types). */
    public static Tensor toTensor(TensorProto t) {
        return switch (t.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE, TensorProto.DataType.DOUBLE_VALUE ->
                    Tensor.ofFloats(toFloats(t), shape(t));
            case TensorProto.DataType.INT64_VALUE, TensorProto.DataType.INT32_VALUE ->
                    Tensor.ofLongs(toLongs(t), shape(t));
            default -> throw new InvalidInputException("tensor " + t.getName() + " has unsupported data type "
                    + t.getDataType());
        };
    }

    /** {@code value} as a tensor named {@code name} of the data type {@code like} has; shapes must agree. */
    public static TensorProto fromTensor(String name, Tensor value, TensorProto like) {
        if (!Arrays.equals(value.shape(), shape(like))) {
            throw new InvalidInputException("parameter " + name + " has shape " + Arrays.toString(shape(like))
                    + ", the new value " + Arrays.toString(value.shape()));
        }
        return switch (like.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE -> floats(name, value.shape(), value.floats());
            case TensorProto.DataType.DOUBLE_VALUE -> {
                float[] f = value.floats();
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                yield doubles(name, value.shape(), d);
            }
            case TensorProto.DataType.INT64_VALUE -> longs(name, value.shape(), value.longs());
            default -> throw new InvalidInputException("parameter " + name + " has unsupported data type "
                    + like.getDataType());
        };
    }
}
