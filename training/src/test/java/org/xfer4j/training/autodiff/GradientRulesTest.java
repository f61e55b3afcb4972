package org.xfer4j.training.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xfer4j.runtime.onnx.graph.Attributes.of;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/** Every gradient rule against central finite differences on small random shapes. */
class GradientRulesTest {

    private static final int F64 = TensorProto.DataType.DOUBLE_VALUE;
    private static final int F32 = TensorProto.DataType.FLOAT_VALUE;

    @Test
    void arithmeticWithBroadcasting() throws Exception {
        assertThat(GradCheck.of("Add").in("a", 2, 3, 4).in("b", 3, 1).check()).isEqualTo(F64);
        GradCheck.of("Sub").in("a", 2, 3).in("b", 3).check();
        GradCheck.of("Mul").in("a", 2, 3, 4).in("b", 1, 3, 1).check();
        GradCheck.of("Div").in("a", 2, 3).in("b", 0.5, 1.5, 2, 1).check();
        GradCheck.of("Sum").in("a", 2, 3).in("b", 3).in("c", 2, 1).check();
        GradCheck.of("Neg").in("a", 4).check();
        GradCheck.of("Identity").in("a", 2, 2).check();
        GradCheck.of("Exp").in("a", 3, 2).check();
        GradCheck.of("Log").in("a", 0.5, 2, 3, 2).check();
        GradCheck.of("Sqrt").in("a", 0.5, 2, 5).check();
    }

    @Test
    void activations() throws Exception {
        GradCheck.of("Relu").in("x", 3, 5).check();
        GradCheck.of("LeakyRelu").in("x", 3, 5).attr(of("alpha", 0.1f)).check();
        GradCheck.of("Sigmoid").in("x", 3, 5).check();
        GradCheck.of("Tanh").in("x", 3, 5).check();
        GradCheck.of("HardSigmoid").in("x", -4.0, 4.0, 3, 5).attr(of("alpha", 1 / 6f)).check();
        GradCheck.of("Clip").in("x", -8.0, 8.0, 4, 5).scalar("lo", 0).scalar("hi", 6).check();
        GradCheck.of("Clip").in("x", 4, 5).absent().scalar("hi", 0.3).check();
        GradCheck.of("Dropout").in("x", 3, 4).check();
    }

    @Test
    void softmaxAndReductions() throws Exception {
        GradCheck.of("Softmax").in("x", 2, 3, 4).attr(of("axis", 1L)).check();
        GradCheck.of("LogSoftmax").in("x", 3, 4).check();
        GradCheck.of("ReduceMean").in("x", 2, 3, 4).attr(of("axes", 1L, 2L)).attr(of("keepdims", 0L)).check();
        GradCheck.of("ReduceSum").in("x", 2, 3, 4).ints("axes", -1).check();
        GradCheck.of("ReduceSum").in("x", 2, 3).attr(of("keepdims", 0L)).check();
        GradCheck.of("GlobalAveragePool").in("x", 2, 3, 4, 5).check();
    }

    @Test
    void linear() throws Exception {
        GradCheck.of("Gemm").in("a", 3, 4).in("b", 4, 5).in("c", 5).check();
        GradCheck.of("Gemm").in("a", 4, 3).in("b", 5, 4).in("c", 3, 1).attr(of("transA", 1L))
                .attr(of("transB", 1L)).attr(of("alpha", 0.5f)).attr(of("beta", 2f)).check();
        GradCheck.of("Gemm").in("a", 4, 3).in("b", 4, 5).attr(of("transA", 1L)).check();
        GradCheck.of("Gemm").in("a", 3, 4).in("b", 5, 4).attr(of("transB", 1L)).check();
        GradCheck.of("MatMul").in("a", 3, 4).in("b", 4, 2).check();
        GradCheck.of("MatMul").in("a", 2, 3, 4).in("b", 4, 5).check();
        GradCheck.of("Transpose").in("x", 2, 3, 4).attr(of("perm", 1L, 2L, 0L)).check();
    }

    @Test
    void shapes() throws Exception {
        GradCheck.of("Flatten").in("x", 2, 3, 2, 2).check();
        GradCheck.of("Reshape").in("x", 2, 6).ints("shape", 3, -1).check();
        GradCheck.of("Unsqueeze").in("x", 2, 3).ints("axes", 1).check();
        GradCheck.of("Squeeze").in("x", 2, 1, 3).ints("axes", 1).check();
        GradCheck.of("Expand").in("x", 3, 1).ints("shape", 2, 3, 4).check();
        GradCheck.of("Concat").in("a", 2, 3).in("b", 2, 1).fixed("c", 2, 2).attr(of("axis", 1L)).check();
        GradCheck.of("Pad").in("x", 2, 3, 4).ints("pads", 0, 1, 2, 0, 2, 0).check();
        GradCheck.of("Slice").in("x", 4, 5).ints("starts", 1, -4).ints("ends", 3, 100).ints("axes", 0, 1).check();
        GradCheck.of("Where").mask("cond", 2, 3).in("a", 2, 3).in("b", 3).check();
        // steps -1: a whole-axis reversal (the conv rule's kernel flip) and a reversed part of an axis
        GradCheck.of("Slice").in("x", 2, 3, 4).ints("starts", -1, -1).ints("ends", Long.MIN_VALUE, Long.MIN_VALUE)
                .ints("axes", 1, 2).ints("steps", -1, -1).check();
        GradCheck.of("Slice").in("x", 3, 6).ints("starts", 4, 0).ints("ends", 0, 2).ints("axes", 1, 0)
                .ints("steps", -1, 1).check();
    }

    @Test
    void scatterAndGatherElements() throws Exception {
        long[] idx = {2, 0, 1, 3, 1, 0};
        GradCheck.of("ScatterElements").in("data", 2, 4).longs("idx", new long[] {2, 3}, idx).in("updates", 2, 3)
                .attr(of("axis", 1L)).check();
        GradCheck.of("ScatterElements").in("data", 2, 4).longs("idx", new long[] {2, 3}, 1, 1, 3, 0, 0, 2)
                .in("updates", 2, 3).attr(of("axis", 1L)).attr(of("reduction", "add")).check();
        GradCheck.of("GatherElements").in("data", 4, 3).longs("idx", new long[] {2, 3}, idx).attr(of("axis", 0L))
                .check();
    }

    @Test
    void convolutions() throws Exception {
        GradCheck.of("Conv").in("x", 2, 3, 5, 6).in("w", 4, 3, 3, 3).in("b", 4).attr(of("pads", 1L, 1L, 1L, 1L))
                .check();
        GradCheck.of("Conv").in("x", 2, 2, 7, 6).in("w", 3, 2, 3, 2).attr(of("strides", 2L, 2L))
                .attr(of("pads", 1L, 0L, 0L, 1L)).check();
        GradCheck.of("Conv").in("x", 1, 2, 7, 7).in("w", 2, 2, 3, 3).attr(of("dilations", 2L, 2L))
                .attr(of("pads", 2L, 2L, 2L, 2L)).check();
        GradCheck.of("Conv").in("x", 2, 4, 5, 5).in("w", 6, 2, 3, 3).attr(of("group", 2L))
                .attr(of("pads", 1L, 1L, 1L, 1L)).check();
        GradCheck.of("Conv").in("x", 2, 3, 6, 6).in("w", 3, 1, 3, 3).in("b", 3).attr(of("group", 3L))
                .attr(of("strides", 2L, 2L)).attr(of("pads", 1L, 1L, 1L, 1L)).check();
        GradCheck.of("Conv").in("x", 2, 3, 5, 5).in("w", 3, 1, 3, 3).attr(of("group", 3L))
                .attr(of("pads", 1L, 1L, 1L, 1L)).check();
        GradCheck.of("Conv").in("x", 2, 4, 3, 5).in("w", 3, 4, 1, 1).in("b", 3).check();
        // a plain conv's input gradient: a ConvTranspose for 3x3 kernels and where the output is smaller than the
        // input (the weight-gradient conv's shape: a kernel nearly the map's size), a flipped-kernel conv for 1x1
        GradCheck.of("Conv").in("x", 2, 8, 5, 5).in("w", 3, 8, 3, 3).attr(of("pads", 1L, 1L, 1L, 1L)).check();
        GradCheck.of("Conv").in("x", 1, 8, 6, 6).in("w", 2, 8, 5, 5).attr(of("pads", 1L, 1L, 1L, 1L)).check();
        GradCheck.of("Conv").in("x", 1, 2, 5, 6).in("w", 2, 2, 3, 3).attr(of("auto_pad", "SAME_UPPER"))
                .attr(of("strides", 2L, 2L)).check();
        // the unfolded weight gradient (identity-kernel Conv, batched MatMul) of unit-stride convs: asymmetric pads
        // and a non-square kernel, and a ConvTranspose's kernel (its adjoint conv's weight gradient)
        GradCheck.of("Conv").in("x", 3, 2, 4, 7).in("w", 5, 2, 2, 3).in("b", 5).attr(of("pads", 0L, 1L, 1L, 0L))
                .check();
        GradCheck.of("ConvTranspose").in("x", 2, 3, 4, 5).in("w", 3, 2, 3, 3).attr(of("pads", 1L, 1L, 1L, 1L))
                .check();
        // as the conv rules emit it for strided input gradients: explicit pads, output padding, groups
        GradCheck.of("ConvTranspose").in("x", 2, 3, 3, 4).in("w", 3, 2, 3, 3).in("b", 2).attr(of("strides", 2L, 2L))
                .attr(of("pads", 1L, 0L, 1L, 1L)).attr(of("output_padding", 1L, 0L)).check();
        GradCheck.of("ConvTranspose").in("x", 1, 4, 4, 4).in("w", 4, 1, 3, 3).attr(of("group", 2L))
                .attr(of("pads", 1L, 1L, 1L, 1L)).check();
        GradCheck.of("ConvTranspose").in("x", 2, 3, 3, 3).in("w", 3, 2, 1, 1).check();
    }

    @Test
    void tiedMaximaShareTheirWindowsGradient() throws Exception {
        // finite differences cannot see ties (the maximum has no derivative there): the tiled max-pool rule gives a
        // window of four equal maxima a quarter of its output gradient each, and a single maximum all of it; in
        // float32 (nearest-neighbour Resize) and float64 (Expand), the two ways it upsamples
        for (int type : new int[] {F32, F64}) {
            GraphProto g = GraphProto.newBuilder().setName("pool")
                    .addInput(ValueInfos.tensor("x", type, new long[] {-1, 1, 2, 4}))
                    .addInitializer(type == F32 ? TensorProtos.floats("r", new long[] {1, 1, 1, 2}, new float[] {1, 2})
                            : TensorProtos.doubles("r", new long[] {1, 1, 1, 2}, new double[] {1, 2}))
                    .addNode(Attributes.node("MaxPool", "pool", List.of("x"), List.of("y"),
                            of("kernel_shape", 2L, 2L), of("strides", 2L, 2L)))
                    .addNode(Attributes.node("Mul", "weigh", List.of("y", "r"), List.of("yr")))
                    .addNode(Attributes.node("ReduceSum", "sum", List.of("yr"), List.of("s"), of("keepdims", 0L)))
                    .addOutput(ValueInfos.tensor("s", type, new long[0])).build();
            ReverseMode.Result r = ReverseMode.differentiate(GradCheck.model(g), "s", List.of("x"),
                    Map.of("x", new long[] {2, 1, 2, 4}));
            double[] x = {3, 3, 1, 5, 3, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            try (OrtValues run = new OrtValues(r.model().toByteArray(), type)) {
                double[] dx = run.run(Map.of("x", new OrtValues.Value(x, new long[] {2, 1, 2, 4})), Map.of())
                        .get(r.gradients().get("x"));
                assertThat(dx).containsExactly(0.25, 0.25, 0, 2, 0.25, 0.25, 0, 0,
                        0.25, 0.25, 0.5, 0.5, 0.25, 0.25, 0.5, 0.5);
            }
        }
    }

    @Test
    void poolingAndNormalisation() throws Exception {
        GradCheck.of("MaxPool").in("x", 2, 2, 7, 7).attr(of("kernel_shape", 3L, 3L)).attr(of("strides", 2L, 2L))
                .attr(of("pads", 1L, 1L, 1L, 1L)).check();
        // windows that tile the map (compared with their maxima), on an even map and on an odd one whose last row
        // and column no window covers
        GradCheck.of("MaxPool").in("x", 2, 3, 6, 4).attr(of("kernel_shape", 2L, 2L)).attr(of("strides", 2L, 2L))
                .check();
        GradCheck.of("MaxPool").in("x", 1, 2, 7, 5).attr(of("kernel_shape", 2L, 2L)).attr(of("strides", 2L, 2L))
                .check();
        GradCheck.of("MaxPool").in("x", 1, 2, 7, 5).attr(of("kernel_shape", 2L, 2L)).attr(of("strides", 2L, 2L))
                .checkFloat32();
        // the upsampling the tiled max-pool rule emits, differentiated again by second order
        GradCheck.of("Resize").in("x", 2, 3, 2, 3).absent().floats("scales", 1, 1, 2, 3)
                .attr(of("mode", "nearest")).attr(of("coordinate_transformation_mode", "asymmetric"))
                .attr(of("nearest_mode", "floor")).check();
        GradCheck.of("AveragePool").in("x", 2, 2, 6, 6).attr(of("kernel_shape", 2L, 2L))
                .attr(of("strides", 2L, 2L)).check();
        GradCheck.of("AveragePool").in("x", 1, 2, 5, 5).attr(of("kernel_shape", 3L, 3L))
                .attr(of("strides", 2L, 2L)).attr(of("pads", 1L, 1L, 1L, 1L)).check();
        GradCheck.of("AveragePool").in("x", 1, 2, 5, 5).attr(of("kernel_shape", 3L, 3L))
                .attr(of("pads", 1L, 1L, 1L, 1L)).attr(of("count_include_pad", 1L)).check();
        GradCheck.of("BatchNormalization").in("x", 2, 3, 4, 4).in("scale", 3).in("bias", 3).in("mean", 3)
                .in("var", 0.5, 2, 3).check();
    }
}
