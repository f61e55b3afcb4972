package org.xfer4j.training.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;

/**
 * A 2-layer BERT-style encoder built in PyTorch 1.13 and exported by torch.onnx (embeddings, masked multi-head
 * attention in both mask forms, exact and tanh GELU, layer norm fused at opset 17 and decomposed at opset 14,
 * masked-mean pooling, dense head): one training step's loss and every parameter's gradient here equal PyTorch's.
 * Skipped, saying why, where /usr/bin/python3 or torch is missing.
 */
class BertTorchCrossCheckTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String[] INPUTS = {"input_ids", "attention_mask", "token_type_ids"};

    @ParameterizedTest
    @ValueSource(ints = {14, 17})
    void lossAndGradientsMatchPyTorch(int opset, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3: cannot cross-check with PyTorch");
        Path script = dir.resolve("torch_bert.py");
        try (InputStream s = getClass().getResourceAsStream("torch_bert.py")) {
            Files.copy(s, script);
        }
        Process torch = new ProcessBuilder(PYTHON.toString(), script.toString(), dir.toString(),
                Integer.toString(opset)).redirectErrorStream(true).start();
        String log = new String(torch.getInputStream().readAllBytes());
        boolean done = torch.waitFor(300, TimeUnit.SECONDS);
        Assumptions.assumeFalse(log.contains("No module named 'torch'"),
                "python3 has no torch module (apt-get install python3-torch): cannot cross-check with PyTorch");
        assertThat(done && torch.exitValue() == 0).as(log).isTrue();
        Map<String, double[]> reference = new HashMap<>();
        for (String l : Files.readAllLines(dir.resolve("torch.txt"))) {
            String[] parts = l.split("\\|");
            reference.put(parts[0], Arrays.stream(parts[1].split(",")).mapToDouble(Double::parseDouble).toArray());
        }
        long tokens = reference.get("input_ids").length / reference.get("labels").length;

        OnnxGraph bert = OnnxGraph.load(dir.resolve("bert.onnx"));
        TrainingStep.Builder b = TrainingStep.of(bert).keepGradients(true);
        for (String in : INPUTS) {
            b.exampleShape(in, tokens);
        }
        TrainingStep step = b.build();
        Map<String, OrtValues.Value> in = new HashMap<>();
        in.put(TrainingStep.learningRateInput("default"), new OrtValues.Value(new double[] {0}, new long[0]));
        for (TrainingStep.Parameter p : step.parameters()) {
            TensorProto t = bert.model().getGraph().getInitializerList().stream()
                    .filter(i -> i.getName().equals(p.name())).findFirst().orElseThrow();
            in.put(p.name(), new OrtValues.Value(org.xfer4j.runtime.onnx.graph.TensorProtos.toDoubles(t), p.shape()));
        }
        Map<String, long[]> ints = new HashMap<>();
        Map<String, long[]> shapes = new HashMap<>();
        for (String name : INPUTS) {
            ints.put(name, longs(reference.get(name)));
            shapes.put(name, new long[] {reference.get("labels").length, tokens});
        }
        ints.put(TrainingStep.LABELS, longs(reference.get("labels")));
        Map<String, double[]> ours;
        try (OrtValues run = new OrtValues(step.model().toByteArray(), TensorProto.DataType.FLOAT_VALUE)) {
            ours = run.run(in, ints, shapes);
        }

        assertThat(ours.get(TrainingStep.LOSS)[0]).isCloseTo(reference.get("loss")[0], within(1e-5));
        // every parameter of the torch model (embeddings, 2 blocks of 12, head) has its gradient checked
        assertThat(step.parameters()).hasSize(reference.size() - 5);
        for (TrainingStep.Parameter p : step.parameters()) {
            double[] mine = ours.get(p.gradient());
            double[] theirs = reference.get("grad." + p.name());
            assertThat(theirs).as("torch gradient of %s", p.name()).isNotNull();
            assertThat(mine).hasSameSizeAs(theirs);
            for (int i = 0; i < mine.length; i++) {
                assertThat(mine[i]).as("opset %d: d loss / d %s[%d]", opset, p.name(), i)
                        .isCloseTo(theirs[i], within(2e-5));
            }
        }
    }

    private static long[] longs(double[] v) {
        return Arrays.stream(v).mapToLong(d -> (long) d).toArray();
    }
}
