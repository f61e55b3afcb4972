package org.xfer4j.training.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.ShapeProbe;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * Checks one operator's gradient rule against central finite differences of s = sum(op(inputs) * R) for a fixed
 * random R: in float64 where ONNX Runtime has float64 kernels for everything involved, else in float32.
 */
final class GradCheck {

    private static final int MAX_PROBES = 24;

    private final String op;
    private final List<NodeProto> body = new ArrayList<>();
    private int opset = 17;
    private final List<String> order = new ArrayList<>();
    private final Map<String, long[]> randomInputs = new LinkedHashMap<>();
    private final Map<String, double[]> ranges = new HashMap<>();
    private final List<TensorProto> constants = new ArrayList<>();
    private final List<AttributeProto> attributes = new ArrayList<>();
    private final List<String> wrt = new ArrayList<>();
    private int outputs = 1;
    private long seed = 1;
    private double floatTolerance = 2e-2;

    private GradCheck(String op) {
        this.op = op;
    }

    static GradCheck of(String op) {
        return new GradCheck(op);
    }

    /** A check of a small graph named {@code name} whose nodes compute {@code y0} from the inputs. */
    static GradCheck graph(String name, NodeProto... nodes) {
        GradCheck c = new GradCheck(name);
        c.body.addAll(List.of(nodes));
        return c;
    }

    /** The opset the checked graph declares (default 17). */
    GradCheck opset(int version) {
        opset = version;
        return this;
    }

    /** A constant int64 input of the given shape. */
    GradCheck indices(String name, long[] shape, long... values) {
        order.add(name);
        constants.add(TensorProtos.longs(name, shape, values));
        return this;
    }

    /** A random input in [-1, 1], differentiated. */
    GradCheck in(String name, long... shape) {
        return in(name, -1, 1, shape);
    }

    /** A random input in [lo, hi], differentiated. */
    GradCheck in(String name, double lo, double hi, long... shape) {
        order.add(name);
        randomInputs.put(name, shape);
        ranges.put(name, new double[] {lo, hi});
        wrt.add(name);
        return this;
    }

    /** A random input in [-1, 1] held constant (not differentiated). */
    GradCheck fixed(String name, long... shape) {
        in(name, shape);
        wrt.remove(name);
        return this;
    }

    /** A constant int64 input. */
    GradCheck ints(String name, long... values) {
        order.add(name);
        constants.add(TensorProtos.vector(name, values));
        return this;
    }

    /** A constant int64 input of the given shape (indices). */
    GradCheck longs(String name, long[] shape, long... values) {
        order.add(name);
        TensorProto.Builder t = TensorProtos.vector(name, values).toBuilder().clearDims();
        for (long d : shape) {
            t.addDims(d);
        }
        constants.add(t.build());
        return this;
    }

    /** A constant random boolean input. */
    GradCheck mask(String name, long... shape) {
        order.add(name);
        byte[] b = new byte[(int) Tensor.elementCount(shape)];
        Random r = new Random(name.hashCode());
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (r.nextBoolean() ? 1 : 0);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.BOOL_VALUE)
                .setRawData(com.google.protobuf.ByteString.copyFrom(b));
        for (long d : shape) {
            t.addDims(d);
        }
        constants.add(t.build());
        return this;
    }

    /** A constant floating scalar input (converted to the checked type). */
    GradCheck scalar(String name, double value) {
        order.add(name);
        constants.add(TensorProtos.doubles(name, new long[0], new double[] {value}));
        return this;
    }

    /** A constant float32 input whatever type the check runs in (Resize's scales). */
    GradCheck floats(String name, float... values) {
        order.add(name);
        constants.add(TensorProtos.floats(name, new long[] {values.length}, values));
        return this;
    }

    /** An omitted optional input. */
    GradCheck absent() {
        order.add("");
        return this;
    }

    GradCheck attr(AttributeProto a) {
        attributes.add(a);
        return this;
    }

    GradCheck outputs(int n) {
        outputs = n;
        return this;
    }

    GradCheck seed(long s) {
        seed = s;
        return this;
    }

    GradCheck floatTolerance(double t) {
        floatTolerance = t;
        return this;
    }

    /** Runs the check in float32, as rules that emit other operators for it (Resize, AveragePool) are run. */
    void checkFloat32() throws OrtException {
        check(TensorProto.DataType.FLOAT_VALUE);
    }

    /** Runs the check; returns the element type it ran in. */
    int check() throws OrtException {
        try {
            return check(TensorProto.DataType.DOUBLE_VALUE);
        } catch (OrtException | org.xfer4j.api.XferException e) {
            if (!String.valueOf(e.getMessage()).contains("NOT_IMPLEMENTED")) {
                throw e;
            }
            return check(TensorProto.DataType.FLOAT_VALUE);
        }
    }

    private int check(int type) throws OrtException {
        Random rng = new Random(seed);
        Map<String, OrtValues.Value> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> in : randomInputs.entrySet()) {
            double[] r = ranges.get(in.getKey());
            double[] d = new double[(int) Tensor.elementCount(in.getValue())];
            for (int i = 0; i < d.length; i++) {
                d[i] = r[0] + (r[1] - r[0]) * rng.nextDouble();
            }
            values.put(in.getKey(), new OrtValues.Value(d, in.getValue()));
            shapes.put(in.getKey(), in.getValue());
        }
        ModelProto forward = forward(type, shapes, rng);
        ReverseMode.Result grad = ReverseMode.differentiate(forward, "s", wrt, shapes);
        Map<String, double[]> analytic;
        try (OrtValues g = new OrtValues(grad.model().toByteArray(), type)) {
            analytic = g.run(values, Map.of());
        }
        double h = type == TensorProto.DataType.DOUBLE_VALUE ? 1e-6 : 1e-2;
        double tol = type == TensorProto.DataType.DOUBLE_VALUE ? 1e-6 : floatTolerance;
        try (OrtValues f = new OrtValues(forward.toByteArray(), type)) {
            for (String w : wrt) {
                double[] x = values.get(w).data();
                double[] a = analytic.get(grad.gradients().get(w));
                assertThat(a).as("gradient of %s", w).hasSize(x.length);
                for (int probe = 0; probe < Math.min(MAX_PROBES, x.length); probe++) {
                    int i = x.length <= MAX_PROBES ? probe : rng.nextInt(x.length);
                    double keep = x[i];
                    x[i] = keep + h;
                    double up = f.run(values, Map.of()).get("s")[0];
                    x[i] = keep - h;
                    double down = f.run(values, Map.of()).get("s")[0];
                    x[i] = keep;
                    double numeric = (up - down) / (2 * h);
                    assertThat(a[i]).as("%s: d s / d %s[%d] (%s)", op, w, i, type == 11 ? "float64" : "float32")
                            .isCloseTo(numeric, org.assertj.core.data.Offset.offset(tol * (1 + Math.abs(numeric))));
                }
            }
        }
        return type;
    }

    private ModelProto forward(int type, Map<String, long[]> shapes, Random rng) {
        GraphProto.Builder g = GraphProto.newBuilder().setName(op + "-check");
        for (String in : randomInputs.keySet()) {
            g.addInput(ValueInfos.tensor(in, type, randomInputs.get(in)));
        }
        for (TensorProto c : constants) {
            g.addInitializer(c.getDataType() == TensorProto.DataType.DOUBLE_VALUE && type != c.getDataType()
                    ? TensorProtos.floats(c.getName(), TensorProtos.shape(c), TensorProtos.toFloats(c)) : c);
        }
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            outs.add("y" + i);
        }
        if (body.isEmpty()) {
            g.addNode(Attributes.node(op, op, order, outs, attributes.toArray(AttributeProto[]::new)));
        } else {
            g.addAllNode(body);
        }
        g.addOutput(ValueInfos.tensor("y0", type, null));
        ModelProto probeModel = model(g.build(), opset);
        long[] y = ShapeProbe.probe(probeModel, shapes).get("y0").shape();
        double[] r = new double[(int) Tensor.elementCount(y)];
        for (int i = 0; i < r.length; i++) {
            r[i] = rng.nextDouble() * 2 - 1;
        }
        g.addInitializer(type == TensorProto.DataType.DOUBLE_VALUE ? TensorProtos.doubles("R", y, r)
                : TensorProtos.floats("R", y, toFloats(r)));
        g.addNode(Attributes.node("Mul", "weigh", List.of("y0", "R"), List.of("yr")));
        g.addNode(NodeProto.newBuilder().setOpType("ReduceSum").setName("total").addInput("yr").addOutput("s")
                .addAttribute(Attributes.of("keepdims", 0L)));
        g.clearOutput().addOutput(ValueInfos.tensor("s", type, new long[0]));
        return model(g.build(), opset);
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static ModelProto model(GraphProto g) {
        return model(g, 17);
    }

    static ModelProto model(GraphProto g, int opset) {
        return ModelProto.newBuilder().setIrVersion(opset >= 19 ? 9 : 8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).build();
    }
}
