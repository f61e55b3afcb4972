package org.xfer4j.bench.training;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.xfer4j.api.Device;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * The formulations a gradient rule can choose between for the few-shot CNN's layers ({@code cnn:1x28:4x32:5}: 3x3
 * convolutions with padding 1 and 32 filters on 28, 14, 7 and 3 pixel maps, 2x2 max pooling), each timed in ONNX
 * Runtime on one thread (the calling thread's CPU time, which other processes' load
 * inflates far less than wall time), alternating in rounds, and checked to compute the same values: the conv input gradient
 * (flipped-kernel Conv, ConvTranspose), the conv weight gradient (Conv with the batch as channels, nine shifted
 * slices and a batched MatMul, or the input unfolded by an identity-kernel Conv and a batched MatMul), the input
 * gradient of that weight-gradient Conv which second order differentiates
 * (its kernel is an activation map), and max pooling forward and backward. Prints a markdown table of median
 * milliseconds per call, and the best round's (on a shared machine the round least disturbed). Usage: {@code bench/run.sh org.xfer4j.bench.training.ConvGradientBench [rounds] [batches]}
 * (default 7 5,25; a third argument keeps the quantities that start with it).
 */
public final class ConvGradientBench {

    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    private static final int CALLS_PER_ROUND = 5;
    /** With one intra-op thread ONNX Runtime runs on the calling thread, whose CPU time load does not inflate. */
    private static final java.lang.management.ThreadMXBean THREAD =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** As the unrolled inner loops run (UnrolledRunner): without ONNX Runtime's layout rewrites; -Dlayout=on keeps them. */
    private static final boolean LAYOUT_OFF = !"on".equals(System.getProperty("layout"));

    private ConvGradientBench() {
    }

    /** One way to compute a quantity: a graph over named random inputs, and its one output. */
    private record Formulation(String quantity, String name, List<NodeProto> nodes, Map<String, long[]> inputs,
            List<TensorProto> constants) {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int[] batches = Arrays.stream((args.length > 1 ? args[1] : "5,25").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        String only = args.length > 2 ? args[2] : "";
        ProviderContext context = new ProviderContext(ProviderContext.defaults().cacheDir(), Device.CPU, 1, 1,
                Progress.NONE);
        System.out.println("| case | quantity | formulation | CPU ms per call: median of " + rounds + " rounds | best round"
                + " | max difference to the first |");
        System.out.println("|---|---|---|---|---|---|");
        int[][] layers = {{1, 28}, {32, 14}, {32, 7}, {32, 3}};
        for (int n : batches) {
            for (int[] l : layers) {
                List<Formulation> fs = new ArrayList<>();
                conv(fs, n, l[0], 32, l[1]);
                if (l[1] >= 2) {
                    pool(fs, n, 32, l[1]);
                    poolBackward(fs, n, 32, l[1]);
                }
                fs.removeIf(f -> !f.quantity().startsWith(only));
                if (!fs.isEmpty()) {
                    run("N=" + n + " Ci=" + l[0] + " " + l[1] + "x" + l[1], fs, rounds, context);
                }
            }
        }
    }

    private static void conv(List<Formulation> fs, int n, int ci, int co, int h) {
        Map<String, long[]> xw = Map.of("x", new long[] {n, ci, h, h}, "w", new long[] {co, ci, 3, 3});
        fs.add(new Formulation("forward", "Conv", List.of(node("Conv", List.of("x", "w"), "out",
                Attributes.of("pads", 1L, 1L, 1L, 1L))), xw, List.of()));
        Map<String, long[]> dyw = Map.of("dy", new long[] {n, co, h, h}, "w", new long[] {co, ci, 3, 3});
        fs.add(new Formulation("input gradient", "Conv, flipped kernel", List.of(
                node("Transpose", List.of("w"), "wt", Attributes.of("perm", 1L, 0L, 2L, 3L)),
                node("Slice", List.of("wt", "m1m1", "minmin", "a23", "m1m1"), "wf"),
                node("Conv", List.of("dy", "wf"), "out", Attributes.of("pads", 1L, 1L, 1L, 1L))), dyw,
                List.of(TensorProtos.vector("m1m1", -1, -1), TensorProtos.vector("minmin", Long.MIN_VALUE,
                        Long.MIN_VALUE), TensorProtos.vector("a23", 2, 3))));
        fs.add(new Formulation("input gradient", "ConvTranspose", List.of(node("ConvTranspose", List.of("dy", "w"),
                "out", Attributes.of("pads", 1L, 1L, 1L, 1L))), dyw, List.of()));
        fs.add(new Formulation("forward", "Conv (again, after others)", List.of(node("Conv", List.of("x", "w"), "out",
                Attributes.of("pads", 1L, 1L, 1L, 1L))), xw, List.of()));
        Map<String, long[]> xdy = Map.of("x", new long[] {n, ci, h, h}, "dy", new long[] {n, co, h, h});
        fs.add(new Formulation("weight gradient", "Conv, batch as channels", List.of(
                node("Transpose", List.of("x"), "xt", Attributes.of("perm", 1L, 0L, 2L, 3L)),
                node("Transpose", List.of("dy"), "dyt", Attributes.of("perm", 1L, 0L, 2L, 3L)),
                node("Conv", List.of("xt", "dyt"), "full", Attributes.of("pads", 1L, 1L, 1L, 1L)),
                node("Transpose", List.of("full"), "out", Attributes.of("perm", 1L, 0L, 2L, 3L))), xdy, List.of()));
        List<NodeProto> slices = new ArrayList<>(List.of(
                node("Pad", List.of("x", "pads"), "xp")));
        List<String> shifted = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                String s = "s" + a + b;
                slices.add(node("Slice", List.of("xp", "st" + a + b, "en" + a + b, "a23"), s + "4"));
                slices.add(node("Unsqueeze", List.of(s + "4", "ax2"), s));
                shifted.add(s);
            }
        }
        List<TensorProto> sliceConstants = new ArrayList<>(List.of(TensorProtos.vector("pads", 0, 0, 1, 1, 0, 0, 1,
                1), TensorProtos.vector("a23", 2, 3), TensorProtos.vector("ax2", 2),
                TensorProtos.vector("cols", n, (long) ci * 9, (long) h * h),
                TensorProtos.vector("rows", n, co, (long) h * h), TensorProtos.vector("w4", co, ci, 3, 3),
                TensorProtos.vector("ax0", 0)));
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                sliceConstants.add(TensorProtos.vector("st" + a + b, a, b));
                sliceConstants.add(TensorProtos.vector("en" + a + b, a + h, b + h));
            }
        }
        slices.add(node("Concat", shifted, "x9", Attributes.of("axis", 2L)));
        slices.add(node("Reshape", List.of("x9", "cols"), "xc"));
        slices.add(node("Reshape", List.of("dy", "rows"), "dyr"));
        slices.add(node("Transpose", List.of("xc"), "xct", Attributes.of("perm", 0L, 2L, 1L)));
        slices.add(node("MatMul", List.of("dyr", "xct"), "per"));
        slices.add(node("ReduceSum", List.of("per", "ax0"), "sum", Attributes.of("keepdims", 0L)));
        slices.add(node("Reshape", List.of("sum", "w4"), "out"));
        fs.add(new Formulation("weight gradient", "9 slices, batched MatMul, ReduceSum", slices, xdy,
                sliceConstants));
        fs.add(new Formulation("weight gradient", "im2col by 9 slices of the padded batch-as-channels input, one Gemm",
                im2colGemm(ci, co), xdy, List.of(TensorProtos.vector("pads", 0, 0, 1, 1, 0, 0, 1, 1),
                        TensorProtos.vector("a23", 2, 3), TensorProtos.vector("rows", co, -1),
                        TensorProtos.vector("cols9", (long) ci * 9, -1), TensorProtos.vector("w4", co, ci, 3, 3),
                        TensorProtos.vector("st00", 0, 0), TensorProtos.vector("en00", h, h),
                        TensorProtos.vector("st01", 0, 1), TensorProtos.vector("en01", h, h + 1),
                        TensorProtos.vector("st02", 0, 2), TensorProtos.vector("en02", h, h + 2),
                        TensorProtos.vector("st10", 1, 0), TensorProtos.vector("en10", h + 1, h),
                        TensorProtos.vector("st11", 1, 1), TensorProtos.vector("en11", h + 1, h + 1),
                        TensorProtos.vector("st12", 1, 2), TensorProtos.vector("en12", h + 1, h + 2),
                        TensorProtos.vector("st20", 2, 0), TensorProtos.vector("en20", h + 2, h),
                        TensorProtos.vector("st21", 2, 1), TensorProtos.vector("en21", h + 2, h + 1),
                        TensorProtos.vector("st22", 2, 2), TensorProtos.vector("en22", h + 2, h + 2))));
        float[] eye = new float[81];
        for (int k = 0; k < 9; k++) {
            eye[k * 9 + k] = 1;
        }
        List<TensorProto> eyeConstants = List.of(TensorProtos.floats("eye", new long[] {9, 1, 3, 3}, eye),
                TensorProtos.vector("single", -1, 1, h, h), TensorProtos.vector("cols", n, (long) ci * 9,
                        (long) h * h), TensorProtos.vector("rows", n, co, (long) h * h),
                TensorProtos.vector("ax0", 0), TensorProtos.vector("w2", (long) ci * 9, co),
                TensorProtos.vector("w4", co, ci, 3, 3));
        fs.add(new Formulation("weight gradient", "unfolded by an identity-kernel Conv, batched MatMul by dy^T",
                List.of(node("Reshape", List.of("x", "single"), "x1"),
                        node("Conv", List.of("x1", "eye"), "c9", Attributes.of("pads", 1L, 1L, 1L, 1L)),
                        node("Reshape", List.of("c9", "cols"), "xc"),
                        node("Reshape", List.of("dy", "rows"), "dyr"),
                        node("Transpose", List.of("dyr"), "dyrt", Attributes.of("perm", 0L, 2L, 1L)),
                        node("MatMul", List.of("xc", "dyrt"), "per"),
                        node("ReduceSum", List.of("per", "ax0"), "sum", Attributes.of("keepdims", 0L)),
                        node("Transpose", List.of("sum"), "sumt", Attributes.of("perm", 1L, 0L)),
                        node("Reshape", List.of("sumt", "w4"), "out")), xdy, eyeConstants));
        long hp = h + 2;
        fs.add(new Formulation("weight gradient", "stacked maps unfolded by one identity-kernel Conv, MatMul by dy^T",
                List.of(node("Pad", List.of("x", "pads"), "xp"),
                        node("Reshape", List.of("xp", "stack"), "xs"),
                        node("Conv", List.of("xs", "eye"), "c9", Attributes.of("pads", 0L, 0L, 2L, 0L)),
                        node("Reshape", List.of("c9", "cols"), "xc"),
                        node("Pad", List.of("dy", "rowpads"), "dyp"),
                        node("Reshape", List.of("dyp", "rows"), "dyr"),
                        node("Transpose", List.of("dyr"), "dyrt", Attributes.of("perm", 0L, 2L, 1L)),
                        node("MatMul", List.of("xc", "dyrt"), "per"),
                        node("ReduceSum", List.of("per", "ax1"), "sum", Attributes.of("keepdims", 0L)),
                        node("Transpose", List.of("sum"), "sumt", Attributes.of("perm", 2L, 1L, 0L)),
                        node("Reshape", List.of("sumt", "w4"), "out")), xdy,
                List.of(TensorProtos.floats("eye", new long[] {9, 1, 3, 3}, eye),
                        TensorProtos.vector("pads", 0, 0, 1, 1, 0, 0, 1, 1),
                        TensorProtos.vector("rowpads", 0, 0, 0, 0, 0, 0, 2, 0),
                        TensorProtos.vector("stack", 1, 1, -1, hp),
                        TensorProtos.vector("cols", 9, n, ci, hp * h),
                        TensorProtos.vector("rows", n, co, hp * h), TensorProtos.vector("ax1", 1),
                        TensorProtos.vector("w4", co, ci, 3, 3))));
        fs.add(new Formulation("weight gradient", "channel-major stacked maps, one identity-kernel Conv, one Gemm",
                List.of(node("Transpose", List.of("x"), "xt", Attributes.of("perm", 1L, 0L, 2L, 3L)),
                        node("Pad", List.of("xt", "pads"), "xp"),
                        node("Reshape", List.of("xp", "stack"), "xs"),
                        node("Conv", List.of("xs", "eye"), "c9", Attributes.of("pads", 0L, 0L, 2L, 0L)),
                        node("Reshape", List.of("c9", "cols2"), "xc"),
                        node("Pad", List.of("dy", "rowpads"), "dyp"),
                        node("Transpose", List.of("dyp"), "dyt", Attributes.of("perm", 1L, 0L, 2L, 3L)),
                        node("Reshape", List.of("dyt", "rows2"), "dyr"),
                        node("Gemm", List.of("dyr", "xc"), "g", Attributes.of("transB", 1L)),
                        node("Reshape", List.of("g", "taps"), "g3"),
                        node("Transpose", List.of("g3"), "g3t", Attributes.of("perm", 0L, 2L, 1L)),
                        node("Reshape", List.of("g3t", "w4"), "out")), xdy,
                List.of(TensorProtos.floats("eye", new long[] {9, 1, 3, 3}, eye),
                        TensorProtos.vector("pads", 0, 0, 1, 1, 0, 0, 1, 1),
                        TensorProtos.vector("rowpads", 0, 0, 0, 0, 0, 0, 2, 0),
                        TensorProtos.vector("stack", 1, 1, -1, hp), TensorProtos.vector("cols2", 9L * ci, -1),
                        TensorProtos.vector("rows2", co, -1), TensorProtos.vector("taps", co, 9, ci),
                        TensorProtos.vector("w4", co, ci, 3, 3))));
        if (ci > 1) {
            // second order: the input gradient of the weight-gradient Conv (input xt, kernel dyt) for a cotangent v
            Map<String, long[]> vdy = Map.of("v", new long[] {co, ci, 3, 3}, "dy", new long[] {n, co, h, h});
            List<TensorProto> flip = List.of(TensorProtos.vector("m1m1", -1, -1), TensorProtos.vector("minmin",
                    Long.MIN_VALUE, Long.MIN_VALUE), TensorProtos.vector("a23", 2, 3));
            long back = h - 1 - 1;
            fs.add(new Formulation("2nd order: d(weight gradient)/dx", "Conv, flipped activation kernel", List.of(
                    node("Transpose", List.of("v"), "vt", Attributes.of("perm", 1L, 0L, 2L, 3L)),
                    node("Transpose", List.of("dy"), "dyt", Attributes.of("perm", 1L, 0L, 2L, 3L)),
                    node("Transpose", List.of("dyt"), "k", Attributes.of("perm", 1L, 0L, 2L, 3L)),
                    node("Slice", List.of("k", "m1m1", "minmin", "a23", "m1m1"), "kf"),
                    node("Conv", List.of("vt", "kf"), "dxt", Attributes.of("pads", back, back, back, back)),
                    node("Transpose", List.of("dxt"), "out", Attributes.of("perm", 1L, 0L, 2L, 3L))), vdy, flip));
            fs.add(new Formulation("2nd order: d(weight gradient)/dx", "ConvTranspose, activation kernel", List.of(
                    node("Transpose", List.of("v"), "vt", Attributes.of("perm", 1L, 0L, 2L, 3L)),
                    node("Transpose", List.of("dy"), "dyt", Attributes.of("perm", 1L, 0L, 2L, 3L)),
                    node("ConvTranspose", List.of("vt", "dyt"), "dxt", Attributes.of("pads", 1L, 1L, 1L, 1L)),
                    node("Transpose", List.of("dxt"), "out", Attributes.of("perm", 1L, 0L, 2L, 3L))), vdy,
                    List.of()));
            fs.add(new Formulation("2nd order: d(weight gradient)/dx", "ConvTranspose of dy by v (layer geometry)",
                    List.of(node("ConvTranspose", List.of("dy", "v"), "out", Attributes.of("pads", 1L, 1L, 1L, 1L))),
                    vdy, List.of()));
        }
    }

    /** dW = dy [Co, N*H*W] x cols^T, cols [Ci*9, N*H*W] the nine shifted views of x^T [Ci, N, H, W], padded. */
    private static List<NodeProto> im2colGemm(int ci, int co) {
        List<NodeProto> nodes = new ArrayList<>(List.of(
                node("Transpose", List.of("x"), "xt", Attributes.of("perm", 1L, 0L, 2L, 3L)),
                node("Pad", List.of("xt", "pads"), "xp")));
        List<String> shifted = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                nodes.add(node("Slice", List.of("xp", "st" + a + b, "en" + a + b, "a23"), "s" + a + b));
                shifted.add("s" + a + b);
            }
        }
        nodes.addAll(List.of(node("Concat", shifted, "cat", Attributes.of("axis", 1L)),
                node("Reshape", List.of("cat", "cols9"), "cols"),
                node("Transpose", List.of("dy"), "dyt", Attributes.of("perm", 1L, 0L, 2L, 3L)),
                node("Reshape", List.of("dyt", "rows"), "dyr"),
                node("Gemm", List.of("dyr", "cols"), "dw", Attributes.of("transB", 1L)),
                node("Reshape", List.of("dw", "w4"), "out")));
        return nodes;
    }

    private static void pool(List<Formulation> fs, int n, int c, int h) {
        Map<String, long[]> x = Map.of("x", new long[] {n, c, h, h});
        AttributeSet k = new AttributeSet();
        fs.add(new Formulation("max pool forward", "MaxPool", List.of(node("MaxPool", List.of("x"), "out",
                k.kernel, k.strides)), x, List.of()));
        fs.add(new Formulation("max pool forward", "MaxPool with indices", List.of(Attributes.node("MaxPool", "mp",
                List.of("x"), List.of("out", "idx"), k.kernel, k.strides)), x, List.of()));
    }

    /**
     * Max pooling forward and backward together (the forward's choice decides what the backward can use): the
     * recorded arg-max indices scattered, or each window compared with its maximum, as 6-d broadcasts or upsampled
     * to 4-d, with and without sharing a tie.
     */
    private static void poolBackward(List<Formulation> fs, int n, int c, int h) {
        long o = h / 2;
        Map<String, long[]> in = Map.of("x", new long[] {n, c, o * 2, o * 2}, "dy", new long[] {n, c, o, o});
        AttributeSet k = new AttributeSet();
        String q = "max pool forward + backward";
        List<TensorProto> shapes = List.of(TensorProtos.vector("flat", -1), TensorProtos.vector("six", 0, 0, o, 1, o,
                1), TensorProtos.vector("full6", n, c, o, 2, o, 2), TensorProtos.vector("four", 0, 0, o * 2, o * 2),
                TensorProtos.vector("fourFull", n, c, o * 2, o * 2),
                TensorProtos.vector("ax35", 3, 5), TensorProtos.vector("windows", 0, 0, o, 2, o, 2),
                TensorProtos.scalar("zero", FLOAT, 0), TensorProtos.scalar("four.f", FLOAT, 4),
                TensorProtos.vector("single", -1, 1, o, o),
                TensorProtos.floats("ones", new long[] {1, 1, 2, 2}, new float[] {1, 1, 1, 1}), TensorProtos.floats("scales", new long[] {4},
                        new float[] {1, 1, 2, 2}));
        fs.add(new Formulation(q, "MaxPool with indices, ScatterElements", List.of(
                Attributes.node("MaxPool", "mp", List.of("x"), List.of("y", "idx"), k.kernel, k.strides),
                node("Mul", List.of("x", "zero"), "z"), node("Reshape", List.of("z", "flat"), "zf"),
                node("Reshape", List.of("idx", "flat"), "if"), node("Reshape", List.of("dy", "flat"), "df"),
                Attributes.node("ScatterElements", "sc", List.of("zf", "if", "df"), List.of("s"),
                        Attributes.of("axis", 0L), Attributes.of("reduction", "add")),
                node("Reshape", List.of("s", "fourFull"), "out")), in, shapes));
        fs.add(new Formulation(q, "MaxPool with indices, MaxUnpool", List.of(
                Attributes.node("MaxPool", "mp", List.of("x"), List.of("y", "idx"), k.kernel, k.strides),
                node("Shape", List.of("x"), "xs"),
                Attributes.node("MaxUnpool", "up", List.of("dy", "idx", "xs"), List.of("out"), k.kernel, k.strides)),
                in, shapes));
        List<NodeProto> compare6 = List.of(node("MaxPool", List.of("x"), "y", k.kernel, k.strides),
                node("Reshape", List.of("x", "windows"), "x6"), node("Reshape", List.of("y", "six"), "y6"),
                node("Equal", List.of("x6", "y6"), "eq"), node("Cast", List.of("eq"), "hit",
                        Attributes.of("to", (long) FLOAT)), node("Reshape", List.of("dy", "six"), "dy6"));
        List<NodeProto> shared = new ArrayList<>(compare6);
        shared.addAll(List.of(node("ReduceSum", List.of("hit", "ax35"), "count"),
                node("Div", List.of("hit", "count"), "share"), node("Mul", List.of("dy6", "share"), "dx6"),
                node("Reshape", List.of("dx6", "four"), "out")));
        fs.add(new Formulation(q, "MaxPool, 6-d window compare, tie shared", shared, in, shapes));
        List<NodeProto> plain = new ArrayList<>(compare6);
        plain.addAll(List.of(node("Mul", List.of("dy6", "hit"), "dx6"), node("Reshape", List.of("dx6", "four"),
                "out")));
        fs.add(new Formulation(q, "MaxPool, 6-d window compare", plain, in, shapes));
        fs.add(new Formulation(q, "MaxPool, Expand to 4-d, compare, Where", List.of(
                node("MaxPool", List.of("x"), "y", k.kernel, k.strides),
                node("Reshape", List.of("y", "six"), "y6"), node("Expand", List.of("y6", "full6"), "ye"),
                node("Reshape", List.of("ye", "four"), "yu"), node("Reshape", List.of("dy", "six"), "dy6"),
                node("Expand", List.of("dy6", "full6"), "de"), node("Reshape", List.of("de", "four"), "du"),
                node("Equal", List.of("x", "yu"), "eq"), node("Where", List.of("eq", "du", "zero"), "out")), in,
                shapes));
        fs.add(new Formulation(q, "MaxPool, Resize, compare, tie shared", sharedCompare(true), in, shapes));
        fs.add(new Formulation(q, "MaxPool, ConvTranspose upsampling, compare, tie shared", sharedCompare(false), in,
                shapes));
        List<NodeProto> byMul = new ArrayList<>(sharedCompare(true));
        byMul.set(byMul.size() - 1, node("Mul", List.of("hit", "qu"), "out"));
        fs.add(new Formulation(q, "MaxPool, Resize, compare, tie shared, Mul", byMul, in, shapes));
        fs.add(new Formulation(q, "MaxPool, Resize to 4-d, compare, Where", List.of(
                node("MaxPool", List.of("x"), "y", k.kernel, k.strides),
                Attributes.node("Resize", "ry", List.of("y", "", "scales"), List.of("yu"),
                        Attributes.of("mode", "nearest")),
                Attributes.node("Resize", "rd", List.of("dy", "", "scales"), List.of("du"),
                        Attributes.of("mode", "nearest")),
                node("Equal", List.of("x", "yu"), "eq"), node("Where", List.of("eq", "du", "zero"), "out")), in,
                shapes));
    }

    /** Upsampling by 2 as Resize (nearest) or as ConvTranspose with a 2x2 kernel of ones over [N*C, 1, H, W]. */
    private static List<NodeProto> upsample(boolean resize, String in, String out) {
        if (resize) {
            return List.of(Attributes.node("Resize", out + ".r", List.of(in, "", "scales"), List.of(out),
                    Attributes.of("mode", "nearest")));
        }
        return List.of(node("Reshape", List.of(in, "single"), out + ".1"),
                Attributes.node("ConvTranspose", out + ".ct", List.of(out + ".1", "ones"), List.of(out + ".up"),
                        Attributes.of("strides", 2L, 2L)),
                node("Reshape", List.of(out + ".up", "fourFull"), out));
    }

    /** Each window compared with its upsampled maximum; a tie shares the window's gradient. */
    private static List<NodeProto> sharedCompare(boolean resize) {
        AttributeSet k = new AttributeSet();
        List<NodeProto> nodes = new ArrayList<>(List.of(node("MaxPool", List.of("x"), "y", k.kernel, k.strides)));
        nodes.addAll(upsample(resize, "y", "yu"));
        nodes.addAll(List.of(node("Equal", List.of("x", "yu"), "eq"),
                node("Cast", List.of("eq"), "hit", Attributes.of("to", (long) FLOAT)),
                node("AveragePool", List.of("hit"), "avg", k.kernel, k.strides),
                node("Mul", List.of("avg", "four.f"), "count"), node("Div", List.of("dy", "count"), "q")));
        nodes.addAll(upsample(resize, "q", "qu"));
        nodes.add(node("Where", List.of("eq", "qu", "zero"), "out"));
        return nodes;
    }

    /** The attributes of the net's 2x2 pooling. */
    private static final class AttributeSet {
        final ai.onnx.proto.OnnxMl.AttributeProto kernel = Attributes.of("kernel_shape", 2L, 2L);
        final ai.onnx.proto.OnnxMl.AttributeProto strides = Attributes.of("strides", 2L, 2L);
    }

    private static NodeProto node(String op, List<String> inputs, String output,
            ai.onnx.proto.OnnxMl.AttributeProto... attributes) {
        return Attributes.node(op, output + "." + op, inputs, List.of(output), attributes);
    }

    private static void run(String label, List<Formulation> fs, int rounds, ProviderContext context)
            throws Exception {
        Random rng = new Random(7);
        Map<String, OnnxTensor> values = new LinkedHashMap<>();
        List<OrtModelSession> sessions = new ArrayList<>();
        try {
            for (Formulation f : fs) {
                GraphProto.Builder g = GraphProto.newBuilder().setName(f.name()).addAllNode(f.nodes())
                        .addAllInitializer(f.constants())
                        .addOutput(ValueInfos.tensor("out", FLOAT, null));
                f.inputs().forEach((name, shape) -> g.addInput(ValueInfos.tensor(name, FLOAT, shape)));
                ModelProto m = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
                sessions.add(OrtRuntime.open(m.toByteArray(), f.name(), context, false, LAYOUT_OFF));
                for (Map.Entry<String, long[]> in : f.inputs().entrySet()) {
                    String key = in.getKey() + Arrays.toString(in.getValue());
                    if (!values.containsKey(key)) {
                        float[] v = new float[(int) Arrays.stream(in.getValue()).reduce(1, (a, b) -> a * b)];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = (float) rng.nextGaussian();
                        }
                        values.put(key, OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(v),
                                in.getValue()));
                    }
                }
            }
            double[][] times = new double[fs.size()][rounds];
            float[][] outputs = new float[fs.size()][];
            for (int r = -1; r < rounds; r++) {
                for (int i = 0; i < fs.size(); i++) {
                    Map<String, OnnxTensor> feed = new LinkedHashMap<>();
                    for (Map.Entry<String, long[]> in : fs.get(i).inputs().entrySet()) {
                        feed.put(in.getKey(), values.get(in.getKey() + Arrays.toString(in.getValue())));
                    }
                    OrtSession s = sessions.get(i).session();
                    long start = THREAD.getCurrentThreadCpuTime();
                    for (int k = 0; k < CALLS_PER_ROUND; k++) {
                        try (OrtSession.Result res = s.run(feed)) {
                            if (r < 0 && k == 0) {
                                FloatBuffer b = ((OnnxTensor) res.get(0)).getFloatBuffer();
                                outputs[i] = new float[b.remaining()];
                                b.get(outputs[i]);
                            }
                        }
                    }
                    if (r >= 0) {
                        times[i][r] = (THREAD.getCurrentThreadCpuTime() - start) / 1e6 / CALLS_PER_ROUND;
                    }
                }
            }
            Map<String, Integer> first = new LinkedHashMap<>();
            for (int i = 0; i < fs.size(); i++) {
                Formulation f = fs.get(i);
                int ref = first.computeIfAbsent(f.quantity(), q -> fs.indexOf(f));
                double diff = difference(outputs[ref], outputs[i]);
                Arrays.sort(times[i]);
                System.out.printf("| %s | %s | %s | %.3f | %.3f | %s |%n", label, f.quantity(), f.name(),
                        times[i][rounds / 2], times[i][0], diff < 0 ? "shape differs" : String.format("%.1e", diff));
            }
        } finally {
            sessions.forEach(OrtModelSession::close);
            values.values().forEach(OnnxTensor::close);
        }
    }

    private static double difference(float[] a, float[] b) {
        if (a.length != b.length) {
            return -1;
        }
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
