package org.xfer4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.Task;
import org.xfer4j.cli.report.MetaReport;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.artifact.InitialisationArtifact;
import org.xfer4j.meta.eval.AdaptationCurve;
import org.xfer4j.meta.eval.JointTraining;
import org.xfer4j.meta.tasks.ClassSplit;
import org.xfer4j.meta.tasks.EpisodeShape;
import org.xfer4j.meta.tasks.Episodes;
import org.xfer4j.runtime.onnx.graph.Init;
import org.xfer4j.runtime.onnx.graph.LayerSpec;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.training.OnnxDifferentiableModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Meta-tests an initialisation on held-out tasks (episodes of the meta-test classes): the same SGD adaptation from
 * the meta-learned initialisation, from the net's random initialisation and from plain pre-training on the union of
 * the meta-train classes, scored on the query sets after 0..K steps with 95 % intervals over the episodes.
 */
@Command(name = "meta-test", description = "Adapt a meta-learned initialisation to held-out tasks and compare it "
        + "with random initialisation and joint pre-training: query accuracy after 0..K steps, mean ± 95 % interval.")
final class MetaTestCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Option(names = "--init", required = true, description = "The initialisation artifact meta-train saved.")
    Path init;

    @Option(names = "--tasks", description = "Tasks (default: those it was meta-trained on): " + MetaSetup.TASKS_HELP
            + ".")
    String tasks;

    @Option(names = "--shots", description = "Support examples per class (default: as meta-trained).")
    Integer shots;

    @Option(names = "--queries", description = "Query examples per class (default: as meta-trained).")
    Integer queries;

    @Option(names = "--episodes", defaultValue = "600", description = "Test episodes (default ${DEFAULT-VALUE}).")
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
        int k = steps != null ? steps : Integer.parseInt(a.options().getOrDefault("innerSteps", "10"));
        double rate = lr != null ? lr : Double.parseDouble(a.options().getOrDefault("innerLr", "0.01"));
        AdaptationCurve curve = new AdaptationCurve(k, rate);
        InvalidOptionException.require(episodes >= 1, "--episodes must be at least 1, got " + episodes);
        EpisodeShape shape = new EpisodeShape(Integer.parseInt(run.get("ways")),
                shots != null ? shots : Integer.parseInt(run.get("shots")),
                queries != null ? queries : Integer.parseInt(run.get("queries")));
        try (Xfer xfer = host.open(progress)) {
            MetaSetup.EpisodeTasks source = MetaSetup.episodes(tasks != null ? tasks : run.get("tasks"), shape,
                    run.get("split"), xfer.context().cacheDir());
            Episodes test = source.part(ClassSplit.Part.TEST);
            List<Task> drawn = test.draw(episodes, host.seed());
            Map<String, List<AdaptationCurve.Point>> curves = new LinkedHashMap<>();
            try (MetaSetup.Net net = MetaSetup.saved(a.provenance().sourceReference(), a.graph(), xfer);
                 OnnxDifferentiableModel m = new OnnxDifferentiableModel(net.graph(), net.preprocessor(),
                         xfer.context())) {
                Parameters random = m.initialParameters();
                curves.put("meta-learned (" + method + ")", curve.measure(m, a.parameters(), drawn, method, progress));
                curves.put("random init", curve.measure(m, random, drawn, "random init", progress));
                if (pretrainSteps > 0) {
                    Parameters joint = jointTraining(net, source.part(ClassSplit.Part.TRAIN), xfer, progress);
                    curves.put("joint pre-training", curve.measure(m, JointTraining.transfer(joint, random), drawn,
                            "joint pre-training", progress));
                }
            }
            String setup = String.format(Locale.ROOT, "%d test episodes, %s, over the %d meta-test classes %s of %s; "
                            + "%d SGD steps at %s on the support set from each initialisation; %s", episodes, shape,
                    source.split().test().size(), source.split().test().stream()
                            .map(c -> source.data().classes().get(c)).toList(), source.data().name(), k, rate,
                    pretrainSteps > 0 ? "joint pre-training: " + pretrainSteps + " SGD steps of 64 examples at "
                            + pretrainLr + " on the " + source.split().train().size()
                            + " meta-train classes, new output layer for each task" : "no joint pre-training");
            Path dir = out != null ? out : MetaTrainCommand.beside(init, "-test");
            Path page = new MetaReport("Meta-test: " + method + " on " + source.spec()).testing(setup, curves)
                    .write(dir);
            print(setup, curves);
            System.out.println("report " + page);
        }
    }

    /** The net with a fresh output layer for the meta-train classes, trained on all of their examples. */
    private Parameters jointTraining(MetaSetup.Net net, Episodes train, Xfer xfer,
            org.xfer4j.api.Progress progress) {
        int classes = train.pool().classes().size();
        OnnxGraph g = net.graph().dropTop(1).addOnTop(host.seed(),
                new LayerSpec.Dense(classes, Init.XAVIER, "joint_head"));
        try (OnnxDifferentiableModel joint = new OnnxDifferentiableModel(g, net.preprocessor(), xfer.context())) {
            return new JointTraining(pretrainSteps, 64, pretrainLr).train(joint, train.pool(), host.seed(), progress);
        }
    }

    private static void print(String setup, Map<String, List<AdaptationCurve.Point>> curves) {
        System.out.println(setup);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%6s", "steps"));
        curves.keySet().forEach(name -> head.append(String.format(Locale.ROOT, "  %24s", name)));
        System.out.println(head);
        int n = curves.values().iterator().next().size();
        for (int s = 0; s < n; s++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", s));
            for (List<AdaptationCurve.Point> c : curves.values()) {
                row.append(String.format(Locale.ROOT, "  %24s", c.get(s).accuracy().format(4)));
            }
            System.out.println(row);
        }
    }
}
