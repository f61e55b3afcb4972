package org.xfer4j.bench.training;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.xfer4j.runtime.onnx.OrtModelSession;
import org.xfer4j.runtime.onnx.OrtRuntime;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.training.TrainingSession;

/**
 * Where a training step's time goes, by ONNX Runtime's own profiler: the forward graph in an inference session and
 * the training-step graph, each run on the same batch with profiling on, kernel time per operator type and per
 * phase (forward, loss, backward, update), per run after warm-up runs. Prints markdown tables.
 * Usage: {@code bench/run.sh org.xfer4j.bench.training.TrainingStepProfile [mobilenet-v2|size batch runs]}
 * (default mobilenet-v2 32 3).
 */
public final class TrainingStepProfile {

    private static final Pattern BACKWARD = Pattern.compile("^d\\d+/.*");
    private static final int WARM_UP = 2;

    private TrainingStepProfile() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "mobilenet-v2";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("xfer4j-profile");
        OrtProfile forward;
        OrtProfile step;
        ModelProto stepGraph;
        try (StepFixture f = StepFixture.of(which, batch)) {
            stepGraph = f.step().model();
            Path fwdPrefix = dir.resolve("forward");
            System.setProperty(OrtRuntime.PROFILE_PROPERTY, fwdPrefix.toString());
            try (OrtModelSession inference = OrtRuntime.open(f.net().toBytes(), "forward", StepFixture.context())) {
                for (int i = 0; i < WARM_UP + runs; i++) {
                    OrtRuntime.onOrtThread(() -> {
                        inference.session().run(f.feed()).close();
                        return null;
                    });
                }
            }
            Path stepPrefix = dir.resolve("step");
            System.setProperty(OrtRuntime.PROFILE_PROPERTY, stepPrefix.toString());
            try (TrainingSession session = new TrainingSession(f.step(), StepFixture.context())) {
                System.clearProperty(OrtRuntime.PROFILE_PROPERTY);
                for (int i = 0; i < WARM_UP + runs; i++) {
                    session.run(f.feed(), f.y(), StepFixture.RATES);
                }
            } finally {
                System.clearProperty(OrtRuntime.PROFILE_PROPERTY);
            }
            forward = OrtProfile.read(OrtProfile.newest(fwdPrefix), WARM_UP);
            step = OrtProfile.read(OrtProfile.newest(stepPrefix), WARM_UP);
        }
        System.out.printf("%s, batch %d, %d threads, mean of %d runs after %d warm-up (profiles in %s)%n", which,
                batch, StepFixture.THREADS, runs, WARM_UP, dir);
        System.out.printf("inference session: %.1f ms per run (kernels %.1f ms); training step: %.1f ms per run"
                + " (kernels %.1f ms); step / forward %.2f%n", forward.runUs() / 1e3, forward.kernelUs() / 1e3,
                step.runUs() / 1e3, step.kernelUs() / 1e3, step.runUs() / forward.runUs());
        Map<String, Double> phases = step.sum(e -> phase(e.getKey()));
        System.out.println("\n| phase of the step | ms per step | share of kernel time |");
        System.out.println("|---|---|---|");
        phases.forEach((p, us) -> System.out.printf("| %s | %.1f | %.1f %% |%n", p, us / 1e3,
                100 * us / step.kernelUs()));
        Map<String, Double> fwdOps = forward.sum(e -> e.getValue().op());
        Map<String, Double> stepOps = step.sum(e -> phase(e.getKey()) + "\t" + e.getValue().op());
        Map<String, Integer> stepCounts = step.count(e -> phase(e.getKey()) + "\t" + e.getValue().op());
        TreeSet<String> ops = new TreeSet<>(fwdOps.keySet());
        stepOps.keySet().forEach(k -> ops.add(k.substring(k.indexOf('\t') + 1)));
        System.out.println("\n| operator | inference ms | step: forward ms | step: backward ms (nodes) | step: loss +"
                + " update ms | step total ms | share of step |");
        System.out.println("|---|---|---|---|---|---|---|");
        ops.stream().sorted(Comparator.comparingDouble((String op) -> -total(stepOps, op))).forEach(op -> {
            double fw = stepOps.getOrDefault("forward\t" + op, 0.0);
            double bw = stepOps.getOrDefault("backward\t" + op, 0.0);
            double rest = stepOps.getOrDefault("loss\t" + op, 0.0) + stepOps.getOrDefault("update\t" + op, 0.0);
            System.out.printf("| %s | %.1f | %.1f | %.1f (%d) | %.1f | %.1f | %.1f %% |%n", op,
                    fwdOps.getOrDefault(op, 0.0) / 1e3, fw / 1e3, bw / 1e3,
                    stepCounts.getOrDefault("backward\t" + op, 0), rest / 1e3, total(stepOps, op) / 1e3,
                    100 * total(stepOps, op) / step.kernelUs());
        });
        Map<String, NodeProto> graphNodes = new HashMap<>();
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto n : stepGraph.getGraph().getNodeList()) {
            graphNodes.put(n.getName(), n);
            n.getOutputList().forEach(o -> producers.put(o, n));
        }
        Map<String, Double> roles = step.sum(e -> phase(e.getKey()).equals("backward")
                ? role(graphNodes.get(e.getKey()), producers) : phase(e.getKey()) + ": all operators");
        System.out.println("\n| part of the step | ms per step | share of kernel time |");
        System.out.println("|---|---|---|");
        roles.entrySet().stream().sorted(Comparator.comparingDouble(e -> -e.getValue())).forEach(e ->
                System.out.printf("| %s | %.1f | %.1f %% |%n", e.getKey(), e.getValue() / 1e3,
                        100 * e.getValue() / step.kernelUs()));
        System.out.println("\nslowest backward nodes:");
        System.out.println("| node | operator | role | group | ms per step |");
        System.out.println("|---|---|---|---|---|");
        step.nodes().entrySet().stream().filter(e -> phase(e.getKey()).equals("backward"))
                .sorted(Comparator.comparingDouble(e -> -e.getValue().us())).limit(25)
                .forEach(e -> {
                    NodeProto n = graphNodes.get(e.getKey());
                    System.out.printf("| %s | %s | %s | %s | %.2f |%n", e.getKey(), e.getValue().op(),
                            role(n, producers), n == null ? "" : Attributes.getInt(n, "group", 1),
                            e.getValue().us() / 1e3);
                });
    }

    private static double total(Map<String, Double> byPhaseOp, String op) {
        return byPhaseOp.entrySet().stream().filter(e -> e.getKey().endsWith("\t" + op))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /**
     * What a backward node computes, read from the rule's formulation: a Conv whose kernel is the transposed
     * output gradient is a weight gradient (the batch as channels), one whose kernel is a sliced (flipped) weight an
     * input gradient; ConvTranspose is a strided input gradient; the rest are grouped by operator.
     */
    private static String role(NodeProto n, Map<String, NodeProto> producers) {
        if (n == null) {
            return "backward: nodes the runtime added";
        }
        String op = n.getOpType();
        if (op.equals("Conv")) {
            NodeProto kernel = producers.get(n.getInput(1));
            String k = kernel == null ? "" : kernel.getOpType();
            boolean depthwise = Attributes.getInt(n, "group", 1) > 1;
            return k.equals("Transpose") ? "backward: " + (depthwise ? "depthwise" : "full") + " conv weight gradient"
                    + " (Conv, batch as channels)" : "backward: " + (depthwise ? "depthwise" : "full")
                    + " conv input gradient, stride 1 (Conv, flipped kernel)";
        }
        if (op.equals("ConvTranspose")) {
            return "backward: conv input gradient, stride 2 (ConvTranspose)";
        }
        if (op.equals("FusedMatMul") || op.equals("MatMul")) {
            return "backward: 1x1 conv weight gradient (batched MatMul)";
        }
        return "backward: " + op;
    }

    /** The phase a node of the step graph belongs to, from the prefix its generator gave its name. */
    private static String phase(String node) {
        if (node.startsWith("xfer4j.update/")) {
            return "update";
        }
        if (node.startsWith("xfer4j.loss/")) {
            return "loss";
        }
        return BACKWARD.matcher(node).matches() ? "backward" : "forward";
    }
}
