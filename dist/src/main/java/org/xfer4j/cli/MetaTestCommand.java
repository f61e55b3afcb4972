package org.xfer4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.TargetDataset;
import org.xfer4j.api.meta.LossKind;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.Task;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.artifact.InitialisationArtifact;
import org.xfer4j.meta.eval.AdaptationCurve;
import org.xfer4j.meta.eval.JointTraining;
import org.xfer4j.meta.learners.BatchNormMode;
import org.xfer4j.meta.learners.TaskScoring;
import org.xfer4j.meta.sine.SineWave;
import org.xfer4j.meta.sine.SineWaves;
import org.xfer4j.meta.tasks.EpisodeShape;
import org.xfer4j.runtime.onnx.graph.Init;
import org.xfer4j.runtime.onnx.graph.LayerSpec;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.training.OnnxDifferentiableModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Meta-tests an initialisation on held-out tasks (episodes of the meta-test classes, or fresh sine waves): the same
 * SGD adaptation from the meta-learned initialisation, from the net's random initialisation and from plain
 * pre-training on all meta-training data together, scored on the query sets after 0..K steps with 95 % intervals.
 */
@Command(name = "meta-test", description = "Adapt a meta-learned initialisation to held-out tasks and compare it "
        + "with random initialisation and joint pre-training: query accuracy (or MSE) after 0..K steps, mean ± 95 %% "
        + "interval.")
final class MetaTestCommand implements Runnable {

    /** Sine waves drawn for the before/after picture. */
    private static final int SAMPLE_WAVES = 3;

    @Mixin
    HostOptions host;

    @Option(names = "--init", required = true, description = "The initialisation artifact meta-train saved.")
    Path init;

    @Option(names = "--tasks", description = "Tasks (default: those it was meta-trained on): " + MetaSetup.TASKS_HELP
            + ".")
    String tasks;

    @Option(names = "--shots", description = "Support examples per class or sine points (default: as meta-trained).")
    Integer shots;

    @Option(names = "--queries", description = "Query examples per class or sine points (default: as meta-trained).")
    Integer queries;

    @Option(names = "--episodes", defaultValue = "600", description = "Test tasks (default ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--steps", description = "Adaptation steps K (default: the method's innerSteps, else 10).")
    Integer steps;

    @Option(names = "--lr", description = "Adaptation learning rate (default: the method's innerLr, else 0.01).")
    Double lr;

    @Option(names = "--pretrain-steps", defaultValue = "500",
            description = "Mini-batch steps of the joint pre-training baseline, 0 to skip it (default ${DEFAULT-VALUE}).")
    int pretrainSteps;

    @Option(names = "--pretrain-lr", defaultValue = "0.05",
            description = "Its learning rate (default ${DEFAULT-VALUE}).")
    double pretrainLr;

    @Option(names = "--out", description = "Report folder (default <init>-test).")
    Path out;

    @Override
    public void run() {
        ConsoleProgress progress = new ConsoleProgress();
        InitialisationArtifact a = InitialisationArtifact.read(init);
        Map<String, String> run = a.run();
        String method = a.manifest().providerId();
        AdaptationCurve curve = MetaSetup.adaptation(a.options(), steps, lr);
        int k = curve.steps();
        double rate = curve.learningRate();
        InvalidOptionException.require(episodes >= 1, "--episodes must be at least 1, got " + episodes);
        EpisodeShape shape = new EpisodeShape(Integer.parseInt(run.getOrDefault("ways", "5")),
                shots != null ? shots : Integer.parseInt(run.get("shots")),
                queries != null ? queries : Integer.parseInt(run.get("queries")));
        try (Xfer xfer = host.open(progress)) {
            MetaSetup.Tasks source = MetaSetup.tasks(tasks != null ? tasks : run.get("tasks"), shape,
                    run.get("split"), xfer.context().cacheDir(), progress);
            LossKind loss = source.metaTrain().lossKind();
            List<Task> drawn = source.metaTest(episodes, host.seed());
            Map<String, List<AdaptationCurve.Point>> curves = new LinkedHashMap<>();
            MetaReport report = new MetaReport("Meta-test: " + method + " on " + source.spec());
            try (MetaSetup.Net net = MetaSetup.saved(a.provenance().sourceReference(), a.graph(), xfer);
                 OnnxDifferentiableModel m = new OnnxDifferentiableModel(MetaSetup.requireOutputs(net, source),
                         net.preprocessor(), loss, xfer.context())) {
                Parameters random = m.initialParameters();
                Map<String, Parameters> starts = new LinkedHashMap<>();
                String learned = "meta-learned (" + method + ")";
                starts.put(learned, a.parameters());
                starts.put("random init", random);
                List<String> leftOut = new ArrayList<>();
                if (pretrainSteps > 0) {
                    try {
                        starts.put("joint pre-training", JointTraining.transfer(
                                jointTraining(net, source, loss, curve.batchNorm(), xfer, progress), random));
                    } catch (XferException e) {
                        leftOut.add(leftOut("joint pre-training", e));
                    }
                }
                for (Map.Entry<String, Parameters> start : starts.entrySet()) {
                    try {
                        curves.put(start.getKey(), curve.measure(m, start.getValue(), drawn, start.getKey(),
                                progress));
                    } catch (XferException e) {
                        if (start.getKey().equals(learned)) {
                            throw e;
                        }
                        // a diverging baseline must not cost the curves already measured for the others
                        leftOut.add(leftOut(start.getKey(), e));
                    }
                }
                starts.keySet().retainAll(curves.keySet());
                String setup = String.format(Locale.ROOT, "%d test tasks: %s; %d SGD steps at %s on the support set "
                                + "from each initialisation; %s", episodes, source.describeTest(), k, rate,
                        pretrainSteps > 0 ? "joint pre-training: " + pretrainSteps + " SGD steps of 64 examples at "
                                + pretrainLr + " on all meta-training data together"
                                + (loss == LossKind.CROSS_ENTROPY ? ", a new output layer for each task" : "")
                                : "no joint pre-training") + trainedOn(run.get("shots"), shape.shots())
                        + (leftOut.isEmpty() ? "" : "; left out: " + String.join("; ", leftOut));
                report.testing(setup, curves);
                if (source instanceof MetaSetup.SineTasks sine) {
                    report.sineWaves(sampleWaves(m, curve, starts, sine.support()), k);
                }
                if (EpisodePictures.pictured(source)) { // what the tasks look like, and the learned start at work
                    EpisodePictures.add(report, (MetaSetup.EpisodeTasks) source, drawn, m, curve, learned,
                            a.parameters());
                }
                print(setup, curves, loss);
            }
            Path dir = out != null ? out : MetaTrainCommand.beside(init, "-test");
            System.out.println("report " + report.write(dir));
        }
    }

    /** Says on standard error that the baseline {@code name} failed and why; the text for the setup line. */
    private static String leftOut(String name, XferException e) {
        System.err.println("warning: " + name + " left out of the test: " + e.getMessage());
        return name + " (" + e.getMessage() + ")";
    }

    /** A note where the test's shots differ from those the initialisation was meta-trained on (else nothing). */
    static String trainedOn(String trainedShots, int testShots) {
        return trainedShots == null || trainedShots.equals(Integer.toString(testShots)) ? ""
                : "; note: the initialisation was meta-trained on " + trainedShots + "-shot tasks and is tested on "
                        + testShots + "-shot tasks";
    }

    /**
     * The net trained on the joint pool, its batch norms as the test's adaptation normalises them; for classification
     * with a fresh output layer for its classes.
     */
    private Parameters jointTraining(MetaSetup.Net net, MetaSetup.Tasks source, LossKind loss, BatchNormMode batchNorm,
            Xfer xfer, Progress progress) {
        Dataset pool = source.jointPool(host.seed());
        OnnxGraph g = loss == LossKind.SQUARED_ERROR ? net.graph() : net.graph().dropTop(1).addOnTop(host.seed(),
                new LayerSpec.Dense(pool.classes().size(), Init.XAVIER, "joint_head"));
        try (OnnxDifferentiableModel joint = new OnnxDifferentiableModel(g, net.preprocessor(), loss,
                xfer.context()); TaskScoring scoring = TaskScoring.of(joint, batchNorm)) {
            return new JointTraining(pretrainSteps, 64, pretrainLr).train(scoring.model(), pool, host.seed(), progress);
        }
    }

    /** A few waves: the truth, the support points, and each initialisation's prediction before and after adapting. */
    private List<MetaReport.Wave> sampleWaves(OnnxDifferentiableModel m, AdaptationCurve curve,
            Map<String, Parameters> starts, int support) {
        SplittableRandom random = new SplittableRandom(host.seed() + 1);
        double[] xs = new double[101];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -SineWaves.X_MAX + 2 * SineWaves.X_MAX * i / (xs.length - 1);
        }
        List<MetaReport.Wave> waves = new ArrayList<>();
        for (int w = 0; w < SAMPLE_WAVES; w++) {
            SineWave wave = SineWaves.wave(random);
            TargetDataset points = wave.points(random, support, -SineWaves.X_MAX, SineWaves.X_MAX);
            TargetDataset grid = wave.at(xs);
            Map<String, double[]> before = new LinkedHashMap<>();
            Map<String, double[]> after = new LinkedHashMap<>();
            starts.forEach((name, start) -> {
                before.put(name, values(m.outputs(start, grid).floats()));
                after.put(name, values(m.outputs(curve.adapt(m, start, points), grid).floats()));
            });
            double[] px = new double[points.size()];
            double[] py = new double[points.size()];
            double[] truth = new double[xs.length];
            for (int i = 0; i < px.length; i++) {
                px[i] = ((org.xfer4j.api.data.Sample.Tensors) points.sample(i)).inputs().get(SineWaves.INPUT)
                        .floats()[0];
                py[i] = points.target(i)[0];
            }
            for (int i = 0; i < xs.length; i++) {
                truth[i] = wave.value(xs[i]);
            }
            waves.add(new MetaReport.Wave(String.format(Locale.ROOT, "amplitude %.2f, phase %.2f", wave.amplitude(),
                    wave.phase()), xs, truth, px, py, before, after));
        }
        return waves;
    }

    private static double[] values(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static void print(String setup, Map<String, List<AdaptationCurve.Point>> curves, LossKind loss) {
        System.out.println(setup);
        System.out.println(loss == LossKind.CROSS_ENTROPY ? "query accuracy:" : "query mean squared error:");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%6s", "steps"));
        curves.keySet().forEach(name -> head.append(String.format(Locale.ROOT, "  %24s", name)));
        System.out.println(head);
        int n = curves.values().iterator().next().size();
        for (int s = 0; s < n; s++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", s));
            for (List<AdaptationCurve.Point> c : curves.values()) {
                row.append(String.format(Locale.ROOT, "  %24s", (loss == LossKind.CROSS_ENTROPY
                        ? c.get(s).accuracy() : c.get(s).loss()).format(4)));
            }
            System.out.println(row);
        }
    }
}
