package org.xfer4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Options;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.meta.MetaCheckpoint;
import org.xfer4j.api.meta.MetaLearner;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.api.meta.MetaStep;
import org.xfer4j.api.meta.MetaTrainingResult;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.TaskDistribution;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.artifact.DatasetDigest;
import org.xfer4j.core.artifact.HostInfo;
import org.xfer4j.core.artifact.InitialisationArtifact;
import org.xfer4j.core.artifact.Provenance;
import org.xfer4j.meta.MetaLog;
import org.xfer4j.meta.MetaValidation;
import org.xfer4j.meta.tasks.EpisodeShape;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.training.OnnxDifferentiableModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Meta-trains an initialisation with one meta-learning method over tasks, checkpointing into the output artifact (so
 * {@code --resume} continues an interrupted run from its last checkpoint) and logging every step and task.
 */
@Command(name = "meta-train", description = "Meta-learn an initialisation (leap, reptile, fomaml, maml) over few-shot "
        + "tasks; saves it as an artifact with a log and an HTML report of the meta-training curves.")
final class MetaTrainCommand implements Runnable {

    @Mixin
    HostOptions host;

    @Option(names = "--method", required = true, description = "leap, reptile, fomaml, maml or a plugin's id.")
    String method;

    @Option(names = "--net", description = "A net the library builds: cnn:CHANNELSxSIZE:BLOCKSxFILTERS:CLASSES "
            + "(such as cnn:1x28:4x32:5) or mlp:IN-HIDDEN-...-OUT[:tanh|relu|sigmoid].")
    String net;

    @Option(names = "--model", description = "Or a model name or .onnx path whose outputs are the N classes.")
    String model;

    @Option(names = "--tasks", required = true, description = "Tasks: " + MetaSetup.TASKS_HELP + ".")
    String tasks;

    @Option(names = "--ways", defaultValue = "5", description = "Classes per episode (default ${DEFAULT-VALUE}).")
    int ways;

    @Option(names = "--shots", description = "Support examples per class, or support points of a sine wave (default 1 "
            + "per class for episodes, 10 points for sine, as in the MAML experiments).")
    Integer shots;

    @Option(names = "--queries", defaultValue = "15", description = "Query examples per class, or query points of a "
            + "sine wave (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--split", description = "Meta-train/validation/test class counts, such as 10/5/5 "
            + "(default: 20 %% of the classes, at least --ways, for meta-test and as many for meta-validation); "
            + "for glyphs 'alphabets' (the default there): meta-test on the evaluation alphabets, meta-train on the "
            + "background ones, 'alphabets:V' holding V of those out for meta-validation.")
    String split;

    @Option(names = {"-o", "--option"}, description = "A method option key=value (repeatable), such as metaSteps=1000.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--out", description = "The initialisation artifact (default <method>-init.xfer); checkpoints go "
            + "there too, and the net with the learned parameters to the same name with .onnx.")
    Path out;

    @Option(names = "--report", description = "Folder of the log (CSV, JSON Lines) and report (default <out>-report).")
    Path report;

    @Option(names = "--resume", description = "Continue the run whose last checkpoint is --out.")
    boolean resume;

    @Option(names = "--validate-every", description = "Score the initialisation on meta-validation tasks every N "
            + "meta-steps (held-out classes of episodes, fresh waves for sine; K = innerSteps SGD steps at innerLr), "
            + "keep the best as <out>-best.xfer and .onnx; checkpointEvery defaults to N.")
    Integer validateEvery;

    @Option(names = "--validation-tasks", defaultValue = "100",
            description = "Meta-validation tasks, the same at every validation (default ${DEFAULT-VALUE}).")
    int validationTasks;

    @Option(names = "--patience", defaultValue = "0", description = "Stop after this many validations in a row "
            + "without a better score (default ${DEFAULT-VALUE}: never stop early).")
    int patience;

    @Override
    public void run() {
        Path target = out != null ? out : Path.of(method + "-init.xfer");
        Path reportDir = report != null ? report : reportFolder(target);
        ConsoleProgress progress = new ConsoleProgress();
        try (Xfer xfer = host.open(progress)) {
            MetaLearnerProvider provider = xfer.registry().metaLearner(method); // unknown methods fail first
            InitialisationArtifact previous = resume ? previous(target) : null;
            Map<String, String> properties = new LinkedHashMap<>(previous != null ? previous.options() : Map.of());
            properties.putAll(options);
            requireValidationOptions(provider, properties);
            Options parsed = provider.parseOptions(properties);
            MetaSetup.Tasks source = MetaSetup.tasks(tasks, new EpisodeShape(ways, shotsFor(tasks), queries), split,
                    xfer.context().cacheDir(), progress);
            TaskDistribution distribution = source.metaTrain();
            try (MetaSetup.Net n = previous != null
                    ? MetaSetup.saved(previous.provenance().sourceReference(), previous.graph(), xfer)
                    : MetaSetup.net(net, model, xfer, host.seed());
                 OnnxDifferentiableModel m = new OnnxDifferentiableModel(MetaSetup.requireOutputs(n, source),
                         n.preprocessor(), distribution.lossKind(), xfer.context())) {
                Map<String, String> run = new LinkedHashMap<>(source.settings());
                if (previous != null && !previous.run().equals(run)) {
                    throw new InvalidOptionException("--resume: " + target + " was meta-trained with "
                            + new java.util.TreeMap<>(previous.run()) + ", not " + new java.util.TreeMap<>(run) + "; give the same --tasks, --ways, --shots, --queries and --split");
                }
                byte[] graph = n.graph().toBytes();
                Provenance provenance = provenance(n.reference(), graph, source.data(), host.seed());
                int total = Integer.parseInt(parsed.toProperties().getOrDefault("metaSteps", "-1"));
                MetaCheckpoint from = previous != null ? previous.checkpoint() : null;
                Saver saver = new Saver(target, reportDir, provider, parsed, provenance, graph, run, total,
                        from == null ? 0 : from.step());
                MetaLog log = from != null ? MetaLog.resume(reportDir, from.step(), saver) : new MetaLog(saver);
                saver.log = log;
                MetaLogger logger = log;
                if (validateEvery != null) {
                    saver.validation = new MetaValidation(m, source.metaValidation(validationTasks, host.seed()),
                            MetaSetup.adaptation(parsed.toProperties(), null, null), validateEvery, patience, log);
                    if (from != null) {
                        Path best = beside(target, BEST + ".xfer");
                        saver.validation.resume(reportDir, from.step(), Files.isRegularFile(best)
                                ? InitialisationArtifact.read(best).checkpoint() : null);
                    }
                    logger = saver.validation;
                }
                MetaLearner learner = provider.create(parsed, xfer.context());
                MetaTrainingResult result;
                try {
                    result = learner.metaTrain(m, distribution, logger, from);
                } catch (MetaValidation.Stopped stop) { // early stopping: the last checkpoint is the state
                    System.out.println(stop.getMessage());
                    result = new MetaTrainingResult(saver.last.initialisation(), log.steps());
                }
                saver.finish(result);
                Path onnx = onnxFile(target);
                withParameters(n.graph(), result.initialisation()).save(onnx);
                MetaReport report = new MetaReport("Meta-training: " + method + " on " + tasks)
                        .setup(method + " on " + distribution.name() + ", " + n.reference() + ", options "
                                + parsed.toProperties())
                        .training(log);
                MetaValidation.Best best = saver.validation == null ? null : saver.validation.best();
                if (best != null) {
                    report.validation(saver.validation);
                    withParameters(n.graph(), best.initialisation()).save(beside(target, BEST + ".onnx"));
                    System.out.printf(java.util.Locale.ROOT, "meta-validation: best %s %s after %d steps on %d "
                                    + "tasks at meta-step %d; saved %s%n", saver.validation.metric(),
                            (saver.validation.metric().contains("accuracy") ? best.point().accuracy()
                                    : best.point().loss()).format(4), saver.validation.steps(),
                            saver.validation.size(), best.step(), beside(target, BEST + ".xfer"));
                }
                Path page = report.write(reportDir);
                System.out.printf("meta-trained %s for %d steps on %s; saved %s (the net with these parameters: %s); "
                        + "report %s%n", method, saver.lastStep, distribution.name(), target, onnx, page);
            }
        }
    }

    /** The suffix of the best meta-validated initialisation's files. */
    static final String BEST = "-best";

    private static OnnxGraph withParameters(OnnxGraph graph, Parameters parameters) {
        OnnxGraph g = graph;
        for (var e : parameters.tensors().entrySet()) {
            g = g.withParameter(e.getKey(), e.getValue());
        }
        return g;
    }

    /**
     * Checks the validation options against each other and the method's, defaulting the method's checkpointEvery to
     * --validate-every: validations happen at checkpoints.
     */
    private void requireValidationOptions(MetaLearnerProvider provider, Map<String, String> properties) {
        if (validateEvery == null) {
            InvalidOptionException.require(patience == 0, "--patience needs --validate-every");
            return;
        }
        InvalidOptionException.require(validateEvery >= 1, "--validate-every must be at least 1, got "
                + validateEvery);
        InvalidOptionException.require(validationTasks >= 1, "--validation-tasks must be at least 1, got "
                + validationTasks);
        InvalidOptionException.require(patience >= 0, "--patience must be 0 or more, got " + patience);
        if (!provider.defaultOptions().toProperties().containsKey("checkpointEvery")) {
            throw new InvalidOptionException("--validate-every: method " + provider.id() + " has no checkpointEvery "
                    + "option, and validations happen at checkpoints");
        }
        if (!options.containsKey("checkpointEvery")) {
            properties.put("checkpointEvery", Integer.toString(validateEvery));
        }
        int every = Integer.parseInt(properties.get("checkpointEvery"));
        if (every <= 0 || validateEvery % every != 0) {
            throw new InvalidOptionException("--validate-every " + validateEvery + " needs a checkpoint at those "
                    + "steps, but checkpointEvery=" + every + " does not divide it");
        }
    }

    /** --shots, else the usual default of the task kind: 1-shot episodes, 10 support points per sine wave. */
    private int shotsFor(String taskSpec) {
        return shots != null ? shots : "sine".equals(taskSpec) ? 10 : 1;
    }

    private static InitialisationArtifact previous(Path target) {
        if (!Files.isRegularFile(target)) {
            throw new InvalidInputException("--resume: " + target + " does not exist; run without --resume to start");
        }
        return InitialisationArtifact.read(target);
    }

    /** A file beside {@code artifact}: its name without .xfer, then {@code suffix}. */
    static Path beside(Path artifact, String suffix) {
        String name = artifact.getFileName().toString().replaceFirst("\\.xfer$", "");
        return artifact.toAbsolutePath().getParent().resolve(name + suffix);
    }

    private static Path reportFolder(Path artifact) {
        return beside(artifact, "-report");
    }

    private static Path onnxFile(Path artifact) {
        return beside(artifact, ".onnx");
    }

    private static Provenance provenance(String reference, byte[] graph, Dataset data, long seed) {
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(graph));
            return new Provenance(reference, reference, sha, List.of(), data == null ? "generated" : data.name(),
                    data == null ? 0 : data.size(), data == null ? "none" : DatasetDigest.of(data), seed, HostInfo.jvm(),
                    HostInfo.os(), HostInfo.xfer4jVersion());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Prints the loss curve (the learner moves the progress bar) and saves each checkpoint with the log so far, so an
     * interrupted run loses nothing before its last checkpoint.
     */
    private static final class Saver implements MetaLogger {

        private final Path target;
        private final Path reportDir;
        private final MetaLearnerProvider provider;
        private final Options options;
        private final Provenance provenance;
        private final byte[] graph;
        private final Map<String, String> run;
        private final int printEvery;
        private MetaLog log;
        private MetaValidation validation;
        private MetaCheckpoint last;
        private int lastStep;

        Saver(Path target, Path reportDir, MetaLearnerProvider provider, Options options, Provenance provenance,
                byte[] graph, Map<String, String> run, int total, int done) {
            this.target = target;
            this.reportDir = reportDir;
            this.provider = provider;
            this.options = options;
            this.provenance = provenance;
            this.graph = graph;
            this.run = run;
            this.printEvery = Math.max(1, total / 20);
            this.lastStep = done;
        }

        @Override
        public void onStep(MetaStep step) {
            lastStep = step.step();
            if (step.step() % printEvery == 0 || step.step() == 1) {
                // regression steps have no accuracy (NaN): print the loss alone
                System.out.printf(java.util.Locale.ROOT, Double.isNaN(step.queryAccuracy())
                        ? "step %6d  query loss %.4f%n" : "step %6d  query loss %.4f  query accuracy %.4f%n",
                        step.step(), step.queryLoss(), step.queryAccuracy());
            }
        }

        @Override
        public void onCheckpoint(MetaCheckpoint checkpoint) {
            last = checkpoint;
            InitialisationArtifact.write(target, provider, options.toProperties(), provenance, graph, run, checkpoint);
            log.write(reportDir);
            if (validation != null) {
                validation.write(reportDir);
                MetaValidation.Best best = validation.best();
                if (best != null && best.step() == checkpoint.step()) { // a new best: kept beside the checkpoint
                    InitialisationArtifact.write(beside(target, BEST + ".xfer"), provider, options.toProperties(),
                            provenance, graph, run, new MetaCheckpoint(best.step(), best.initialisation(),
                                    new Parameters(Map.of())));
                }
            }
        }

        void finish(MetaTrainingResult result) {
            MetaCheckpoint end = last != null && last.step() == lastStep && last.initialisation()
                    .equals(result.initialisation()) ? last
                    : new MetaCheckpoint(lastStep, result.initialisation(), new Parameters(Map.of()));
            InitialisationArtifact.write(target, provider, options.toProperties(), provenance, graph, run, end);
            log.write(reportDir);
        }
    }
}
