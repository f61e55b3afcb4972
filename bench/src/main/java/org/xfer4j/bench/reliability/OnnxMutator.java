package org.xfer4j.bench.reliability;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

/**
 * Mutates an ONNX model at the byte level (flips, truncation) and structurally, so that mutants parse and reach ONNX
 * Runtime's loader and kernels: operators renamed, inputs rewired (to other tensors, to missing ones, to the node's
 * own output), nodes removed, duplicated or reordered, attributes set to extreme values, initialisers reshaped,
 * retyped, cut short or filled with NaN, graph input dimensions and opset or IR versions changed.
 */
final class OnnxMutator {

    private static final long[] EXTREMES = {0, -1, -7, 1, 2, 3, 1 << 20, Integer.MAX_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE};
    private static final String[] OPS = {"Conv", "Relu", "Add", "MatMul", "Gemm", "Reshape", "Softmax", "HardSigmoid",
        "GlobalAveragePool", "Flatten", "Mul", "NoSuchOp", "Loop", "Transpose", "Concat"};

    private final byte[] file;
    private final ModelProto model;

    OnnxMutator(byte[] file) throws InvalidProtocolBufferException {
        this.file = file;
        this.model = ModelProto.parseFrom(file);
    }

    /** The {@code i}-th mutant for {@code seed}: the same pair always gives the same mutant. */
    Mutant mutant(long seed, int i) {
        Random r = new Random(seed * 1_000_033L + i);
        while (true) {
            int kind = r.nextInt(12);
            if (kind == 0) {
                return new Mutant(Bytes.flip(file, r), "bytes flipped", false);
            }
            if (kind == 1) {
                return new Mutant(Bytes.truncate(file, r), "truncated", false);
            }
            GraphProto.Builder g = model.getGraph().toBuilder();
            ModelProto.Builder m = model.toBuilder();
            String what = structural(kind, g, m, r);
            if (what != null) {
                return new Mutant(m.setGraph(g).build().toByteArray(), what, false);
            }
        }
    }

    /** Applies structural mutation {@code kind}; null when it does not apply to what was drawn (drawn again). */
    private String structural(int kind, GraphProto.Builder g, ModelProto.Builder m, Random r) {
        int n = r.nextInt(g.getNodeCount());
        NodeProto node = g.getNode(n);
        switch (kind) {
            case 2 -> {
                String op = OPS[r.nextInt(OPS.length)];
                g.setNode(n, node.toBuilder().setOpType(op));
                return "node " + node.getName() + " (" + node.getOpType() + ") made " + op;
            }
            case 3 -> {
                if (node.getInputCount() == 0) {
                    return null;
                }
                int k = r.nextInt(node.getInputCount());
                String to = switch (r.nextInt(3)) {
                    case 0 -> node.getOutput(0);
                    case 1 -> "missing_tensor";
                    default -> g.getNode(r.nextInt(g.getNodeCount())).getOutput(0);
                };
                g.setNode(n, node.toBuilder().setInput(k, to));
                return "input " + k + " of node " + node.getName() + " rewired to " + to;
            }
            case 4 -> {
                g.removeNode(n);
                return "node " + node.getName() + " (" + node.getOpType() + ") removed";
            }
            case 5 -> {
                g.addNode(node);
                return "node " + node.getName() + " duplicated";
            }
            case 6 -> {
                int o = r.nextInt(g.getNodeCount());
                NodeProto other = g.getNode(o);
                g.setNode(o, node).setNode(n, other);
                return "nodes " + n + " and " + o + " swapped";
            }
            case 7 -> {
                return attribute(g, n, node, r);
            }
            case 8 -> {
                return initialiser(g, r);
            }
            case 9 -> {
                ValueInfoProto in = g.getInput(0);
                TensorShapeProto.Builder shape = in.getType().getTensorType().getShape().toBuilder();
                int d = r.nextInt(Math.max(1, shape.getDimCount()));
                long v = EXTREMES[r.nextInt(EXTREMES.length)];
                if (shape.getDimCount() > 0) {
                    shape.setDim(d, TensorShapeProto.Dimension.newBuilder().setDimValue(v));
                }
                ValueInfoProto.Builder b = in.toBuilder();
                b.getTypeBuilder().getTensorTypeBuilder().setShape(shape);
                g.setInput(0, b);
                return "input dim " + d + " set to " + v;
            }
            case 10 -> {
                long v = EXTREMES[r.nextInt(EXTREMES.length)];
                if (r.nextBoolean()) {
                    m.setIrVersion(v);
                    return "ir_version set to " + v;
                }
                m.setOpsetImport(0, m.getOpsetImport(0).toBuilder().setVersion(v));
                return "opset set to " + v;
            }
            default -> {
                g.setNode(n, node.toBuilder().clearOutput().addOutput(g.getOutput(0).getName()));
                return "node " + node.getName() + " made to write the graph output";
            }
        }
    }

    private static String attribute(GraphProto.Builder g, int n, NodeProto node, Random r) {
        if (node.getAttributeCount() == 0) {
            return null;
        }
        int a = r.nextInt(node.getAttributeCount());
        AttributeProto at = node.getAttribute(a);
        long v = EXTREMES[r.nextInt(EXTREMES.length)];
        AttributeProto.Builder b = at.toBuilder();
        if (at.getIntsCount() > 0) {
            int k = r.nextInt(at.getIntsCount());
            b.setInts(k, v);
        } else if (at.getType() == AttributeProto.AttributeType.FLOAT) {
            b.setF(r.nextBoolean() ? Float.NaN : (float) v);
        } else {
            b.setI(v);
        }
        g.setNode(n, node.toBuilder().setAttribute(a, b));
        return "attribute " + at.getName() + " of " + node.getName() + " (" + node.getOpType() + ") set to " + v;
    }

    private static String initialiser(GraphProto.Builder g, Random r) {
        if (g.getInitializerCount() == 0) {
            return null;
        }
        int k = r.nextInt(g.getInitializerCount());
        TensorProto t = g.getInitializer(k);
        TensorProto.Builder b = t.toBuilder();
        String what;
        switch (r.nextInt(4)) {
            case 0 -> {
                if (t.getDimsCount() == 0) {
                    b.addDims(EXTREMES[r.nextInt(EXTREMES.length)]);
                } else {
                    b.setDims(r.nextInt(t.getDimsCount()), EXTREMES[r.nextInt(EXTREMES.length)]);
                }
                what = "dims changed";
            }
            case 1 -> {
                int type = List.of(1, 6, 7, 10, 11, 0, 99).get(r.nextInt(7));
                b.setDataType(type);
                what = "data type set to " + type;
            }
            case 2 -> {
                ByteString raw = t.getRawData();
                b.setRawData(raw.substring(0, raw.isEmpty() ? 0 : r.nextInt(raw.size())));
                what = "raw data cut";
            }
            default -> {
                if (t.getDataType() != 1 || t.getRawData().isEmpty()) {
                    return null;
                }
                ByteBuffer f = ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
                float v = r.nextBoolean() ? Float.NaN : Float.POSITIVE_INFINITY;
                f.putFloat(4 * r.nextInt(f.capacity() / 4), v);
                b.setRawData(ByteString.copyFrom(f.array()));
                what = "a value set to " + v;
            }
        }
        g.setInitializer(k, b);
        return "initialiser " + t.getName() + ": " + what;
    }
}
