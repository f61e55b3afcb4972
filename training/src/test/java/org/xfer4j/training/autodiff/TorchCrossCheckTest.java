package org.xfer4j.training.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;
import org.xfer4j.testkit.Prerequisites;

/**
 * A small CNN (conv, batch norm, ReLU, max pool, strided depthwise conv with asymmetric pads, ReLU6, average pool,
 * global pool, dense) gives the same loss and parameter gradients here as in PyTorch 1.13 (Debian python3-torch).
 * Batch normalisation both with fixed running statistics and in training mode (batch statistics, running ones
 * updated). Skipped, saying why, where /usr/bin/python3 or torch is missing.
 */
@Tag("python")
class TorchCrossCheckTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final int F = TensorProto.DataType.FLOAT_VALUE;

    @Test
    void lossAndGradientsMatchPyTorch(@TempDir Path dir) throws Exception {
        crossCheck(dir, false);
    }

    @Test
    void trainingModeBatchNormMatchesPyTorch(@TempDir Path dir) throws Exception {
        crossCheck(dir, true);
    }

    private void crossCheck(Path dir, boolean trainBatchNorm) throws Exception {
        Prerequisites.require(Files.isExecutable(PYTHON), "no /usr/bin/python3: cannot cross-check with PyTorch");
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
        Prerequisites.require(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "python3 has no torch module (apt-get install python3-torch): cannot cross-check with PyTorch");

        Random rng = new Random(3);
        Map<String, TensorProto> values = new LinkedHashMap<>();
        put(values, TinyNets.random("c1.w", F, rng, 0.5, 4, 3, 3, 3));
        put(values, TinyNets.random("c1.b", F, rng, 0.1, 4));
        put(values, TinyNets.random("bn.scale", F, rng, 1, 4));
        put(values, TinyNets.random("bn.bias", F, rng, 0.2, 4));
        put(values, TinyNets.random("bn.mean", F, rng, 0.2, 4));
        put(values, TensorProtos.floats("bn.var", new long[] {4}, new float[] {0.5f, 1f, 1.5f, 2f}));
        put(values, TinyNets.random("c2.w", F, rng, 0.8, 4, 1, 3, 3));
        put(values, TinyNets.random("fc.w", F, rng, 0.5, 3, 4));
        put(values, TinyNets.random("fc.b", F, rng, 0.1, 3));
        GraphProto.Builder g = GraphProto.newBuilder().setName("cnn")
                .addInput(ValueInfos.tensor("x", F, new long[] {-1, 3, 10, 10}))
                .addAllInitializer(values.values())
                .addInitializer(TensorProtos.floats("six", new long[0], new float[] {6}))
                .addInitializer(TensorProtos.floats("zero", new long[0], new float[] {0}))
                .addNode(Attributes.node("Conv", "conv1", List.of("x", "c1.w", "c1.b"), List.of("h1"),
                        Attributes.of("pads", 1L, 1L, 1L, 1L)))
                .addNode(Attributes.node("BatchNormalization", "bn", List.of("h1", "bn.scale", "bn.bias", "bn.mean",
                        "bn.var"), List.of("h2")))
                .addNode(Attributes.node("Relu", "relu", List.of("h2"), List.of("h3")))
                .addNode(Attributes.node("MaxPool", "maxpool", List.of("h3"), List.of("h4"),
                        Attributes.of("kernel_shape", 2L, 2L), Attributes.of("strides", 2L, 2L)))
                .addNode(Attributes.node("Conv", "depthwise", List.of("h4", "c2.w"), List.of("h5"),
                        Attributes.of("group", 4L), Attributes.of("strides", 2L, 2L),
                        Attributes.of("pads", 1L, 0L, 1L, 0L)))
                .addNode(Attributes.node("Clip", "relu6", List.of("h5", "zero", "six"), List.of("h6")))
                .addNode(Attributes.node("AveragePool", "avgpool", List.of("h6"), List.of("h7"),
                        Attributes.of("kernel_shape", 2L, 2L)))
                .addNode(Attributes.node("GlobalAveragePool", "gap", List.of("h7"), List.of("h8")))
                .addNode(Attributes.node("Flatten", "flatten", List.of("h8"), List.of("h9")))
                .addNode(Attributes.node("Gemm", "fc", List.of("h9", "fc.w", "fc.b"), List.of("z"),
                        Attributes.of("transB", 1L)))
                .addOutput(ValueInfos.tensor("z", F, new long[] {-1, 3}));
        OnnxGraph cnn = OnnxGraph.of(GradCheck.model(g.build()), "cnn");
        TrainingStep step = TrainingStep.of(cnn).keepGradients(true).trainingBatchNorm(trainBatchNorm).build();
        assertThat(step.buffers()).hasSize(trainBatchNorm ? 2 : 0);
        assertThat(step.parameters()).extracting(TrainingStep.Parameter::name)
                .containsExactly("c1.w", "c1.b", "bn.scale", "bn.bias", "c2.w", "fc.w", "fc.b");

        double[] x = new double[4 * 3 * 10 * 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        long[] labels = {0, 2, 1, 2};
        Map<String, OrtValues.Value> in = new HashMap<>();
        in.put("x", new OrtValues.Value(x, new long[] {4, 3, 10, 10}));
        in.put(TrainingStep.learningRateInput("default"), new OrtValues.Value(new double[] {0}, new long[0]));
        for (TrainingStep.Parameter p : step.variables()) {
            in.put(p.name(), new OrtValues.Value(TensorProtos.toDoubles(values.get(p.name())), p.shape()));
        }
        Map<String, double[]> ours;
        try (OrtValues run = new OrtValues(step.model().toByteArray(), F)) {
            ours = run.run(in, Map.of(TrainingStep.LABELS, labels));
        }

        List<String> lines = new ArrayList<>();
        lines.add(line("x", new long[] {4, 3, 10, 10}, x));
        lines.add(line("labels", new long[] {4}, new double[] {0, 2, 1, 2}));
        for (TensorProto t : values.values()) {
            lines.add(line(t.getName(), TensorProtos.shape(t), TensorProtos.toDoubles(t)));
        }
        Path input = dir.resolve("in.txt");
        Path output = dir.resolve("out.txt");
        Files.write(input, lines);
        Path script = dir.resolve("torch_cnn.py");
        try (InputStream s = getClass().getResourceAsStream("torch_cnn.py")) {
            Files.copy(s, script);
        }
        Process torch = new ProcessBuilder(PYTHON.toString(), script.toString(), input.toString(), output.toString(),
                trainBatchNorm ? "train" : "eval")
                .redirectErrorStream(true).start();
        String log = new String(torch.getInputStream().readAllBytes());
        assertThat(torch.waitFor(120, TimeUnit.SECONDS) && torch.exitValue() == 0).as(log).isTrue();
        Map<String, double[]> reference = new HashMap<>();
        for (String l : Files.readAllLines(output)) {
            String[] parts = l.split("\\|");
            reference.put(parts[0], java.util.Arrays.stream(parts[2].split(",")).mapToDouble(Double::parseDouble)
                    .toArray());
        }
        assertThat(ours.get(TrainingStep.LOSS)[0]).isCloseTo(reference.get("loss")[0], within(1e-5));
        for (TrainingStep.Parameter b : step.buffers()) {
            assertThat(ours.get(TrainingStep.NEW + b.name())).as("updated running statistic %s", b.name())
                    .containsExactly(reference.get(TrainingStep.NEW + b.name()), within(1e-5));
        }
        for (TrainingStep.Parameter p : step.parameters()) {
            double[] mine = ours.get(p.gradient());
            double[] theirs = reference.get("grad." + p.name());
            assertThat(mine).hasSameSizeAs(theirs);
            for (int i = 0; i < mine.length; i++) {
                assertThat(mine[i]).as("d loss / d %s[%d]", p.name(), i).isCloseTo(theirs[i], within(1e-5));
            }
        }
    }

    private static void put(Map<String, TensorProto> m, TensorProto t) {
        m.put(t.getName(), t);
    }

    private static String line(String name, long[] shape, double[] v) {
        StringBuilder s = new StringBuilder(name).append('|');
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? "," : "").append(shape[i]);
        }
        s.append('|');
        for (int i = 0; i < v.length; i++) {
            s.append(i > 0 ? "," : "").append((float) v[i]);
        }
        return s.toString();
    }
}
