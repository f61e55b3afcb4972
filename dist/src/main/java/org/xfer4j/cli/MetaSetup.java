package org.xfer4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.TargetDataset;
import org.xfer4j.api.meta.Task;
import org.xfer4j.api.meta.TaskDistribution;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.data.split.ClassGroups;
import org.xfer4j.meta.eval.AdaptationCurve;
import org.xfer4j.meta.learners.BatchNormMode;
import org.xfer4j.meta.nets.Nets;
import org.xfer4j.meta.sine.SineWaves;
import org.xfer4j.meta.tasks.ClassSplit;
import org.xfer4j.meta.tasks.EpisodeShape;
import org.xfer4j.meta.tasks.Episodes;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.ShapeProbe;

/**
 * What meta-train and meta-test share: the tasks a {@code --tasks} argument names (sine waves, or episodes over a
 * dataset split by class), and the net a {@code --net} spec or {@code --model} reference gives, with its input preparation. The
 * settings are recorded in the initialisation artifact so meta-test rebuilds the same tasks.
 */
final class MetaSetup {

    static final String TASKS_HELP = "sine (regression on sine waves, --shots support points and --queries query "
            + "points) or episodes:DATA (N-way K-shot episodes over a labelled dataset: " + DataSpecs.HELP + ")";

    /** Seed of the class split, fixed so meta-train and meta-test agree on the held-out classes. */
    static final long SPLIT_SEED = 42;

    /** Mixed into the seed of meta-validation tasks, so they differ from meta-test draws of the same seed. */
    static final long VALIDATION_SEED = 0x5EED_0F_7A1DL;

    private MetaSetup() {
    }

    /** Tasks to meta-train on, their held-out counterparts to meta-test on, and the joint-training baseline's data. */
    sealed interface Tasks permits EpisodeTasks, SineTasks {

        /** The --tasks argument. */
        String spec();

        /** What meta-training draws from. */
        TaskDistribution metaTrain();

        /** {@code count} held-out tasks, the same for the same seed. */
        List<Task> metaTest(int count, long seed);

        /** {@code count} meta-validation tasks (for model selection, never for the test), the same for the seed. */
        List<Task> metaValidation(int count, long seed);

        /** Every meta-training example together, for plain pre-training. */
        Dataset jointPool(long seed);

        /** The settings that rebuild these tasks, recorded in the initialisation artifact. */
        Map<String, String> settings();

        /** The held-out tasks, in a sentence. */
        String describeTest();

        /** The dataset behind the tasks, for provenance (null for generated tasks). */
        Dataset data();

        /** How many outputs a net needs for these tasks. */
        int outputs();
    }

    /** Episodes of one shape over a dataset, with its class split. */
    record EpisodeTasks(String spec, Dataset data, ClassSplit split, String splitSpec, EpisodeShape shape)
            implements Tasks {

        Episodes part(ClassSplit.Part part) {
            return Episodes.of(data, split, part, shape);
        }

        @Override
        public TaskDistribution metaTrain() {
            return part(ClassSplit.Part.TRAIN);
        }

        @Override
        public List<Task> metaTest(int count, long seed) {
            return part(ClassSplit.Part.TEST).draw(count, seed);
        }

        @Override
        public List<Task> metaValidation(int count, long seed) {
            if (split.validation().isEmpty()) {
                throw new InvalidOptionException("--validate-every: the class split " + splitText() + " of " + data.name()
                        + " leaves no meta-validation classes; give --split with some, such as " + (splitSpec != null
                        ? ClassSplit.BY_GROUPS + ":5" : (split.train().size() - shape.ways()) + "/" + shape.ways()
                        + "/" + split.test().size()));
            }
            return part(ClassSplit.Part.VALIDATION).draw(count, seed);
        }

        /** The split as given ({@code --split}), else its class counts, train/validation/test. */
        private String splitText() {
            return splitSpec != null ? splitSpec : split.train().size() + "/" + split.validation().size() + "/"
                    + split.test().size();
        }

        @Override
        public Dataset jointPool(long seed) {
            return part(ClassSplit.Part.TRAIN).pool();
        }

        @Override
        public Map<String, String> settings() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("tasks", spec);
            m.put("ways", Integer.toString(shape.ways()));
            m.put("shots", Integer.toString(shape.shots()));
            m.put("queries", Integer.toString(shape.queries()));
            m.put("split", splitText());
            m.put("split.seed", Long.toString(SPLIT_SEED));
            return m;
        }

        @Override
        public int outputs() {
            return shape.ways();
        }

        @Override
        public String describeTest() {
            List<String> names = split.test().stream().map(c -> data.classes().get(c)).toList();
            String listed = data instanceof ClassGroups g // hundreds of characters: name their alphabets
                    ? "of the alphabets " + split.test().stream().map(g::group).distinct().toList()
                    : names.toString();
            return shape + " over the " + split.test().size() + " meta-test classes " + listed + " of " + data.name()
                    + " (meta-trained on " + split.train().size() + " others)";
        }
    }

    /** Sine-wave regression: {@code support} points to adapt on and {@code query} points to score, per wave. */
    record SineTasks(int support, int query) implements Tasks {

        /** Waves whose points make the joint-training pool. */
        static final int POOL_WAVES = 2000;

        @Override
        public String spec() {
            return "sine";
        }

        @Override
        public TaskDistribution metaTrain() {
            return SineWaves.of(support, query);
        }

        @Override
        public List<Task> metaTest(int count, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                tasks.add(metaTrain().sample(random));
            }
            return tasks;
        }

        /** Fresh waves too: generated tasks have no held-out part, only other draws (a seed meta-test does not use). */
        @Override
        public List<Task> metaValidation(int count, long seed) {
            return metaTest(count, seed ^ VALIDATION_SEED);
        }

        @Override
        public Dataset jointPool(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Sample> samples = new ArrayList<>();
            List<float[]> targets = new ArrayList<>();
            for (int w = 0; w < POOL_WAVES; w++) {
                TargetDataset points = SineWaves.wave(random).points(random, support, -SineWaves.X_MAX,
                        SineWaves.X_MAX);
                for (int i = 0; i < points.size(); i++) {
                    samples.add(points.sample(i));
                    targets.add(points.target(i));
                }
            }
            return TargetDataset.of("sine points of " + POOL_WAVES + " waves", samples,
                    targets.toArray(float[][]::new));
        }

        @Override
        public Map<String, String> settings() {
            return Map.of("tasks", "sine", "shots", Integer.toString(support), "queries", Integer.toString(query));
        }

        @Override
        public String describeTest() {
            return "fresh sine waves (amplitude U(0.1, 5), phase U(0, 2 pi)), " + support + " support and " + query
                    + " query points from U(-5, 5)";
        }

        @Override
        public Dataset data() {
            return null;
        }

        @Override
        public int outputs() {
            return 1;
        }
    }

    /**
     * The tasks {@code spec} names; {@code shape}'s shots and queries are the sine support and query points.
     *
     * @throws InvalidOptionException naming the argument when it is neither sine nor episodes:DATA
     */
    static Tasks tasks(String spec, EpisodeShape shape, String split, Path cacheDir, Progress progress) {
        if (spec.equals("sine")) {
            return new SineTasks(shape.shots(), shape.queries());
        }
        if (!spec.startsWith("episodes:")) {
            throw new InvalidOptionException("--tasks '" + spec + "' is not one of: " + TASKS_HELP);
        }
        Dataset data = DataSpecs.resolve(spec.substring("episodes:".length()), cacheDir, progress);
        if (data.classes().size() < 2 * shape.ways()) {
            throw new InvalidInputException("dataset " + data.name() + " has " + data.classes().size()
                    + " classes; class-disjoint meta-train and meta-test episodes of " + shape.ways()
                    + " ways need at least " + 2 * shape.ways());
        }
        ClassSplit classes = ClassSplit.of(split, data, shape.ways(), SPLIT_SEED);
        EpisodeTasks tasks = new EpisodeTasks(spec, data, classes, !ClassSplit.byGroups(split, data) ? null
                : split == null || split.isBlank() ? ClassSplit.BY_GROUPS : split.trim(), shape);
        tasks.part(ClassSplit.Part.TRAIN); // too few classes or examples fail here, before any training
        tasks.part(ClassSplit.Part.TEST);
        return tasks;
    }

    /**
     * The adaptation meta-test and meta-validation apply: {@code steps} SGD steps at {@code lr} where given, else the
     * method's own innerSteps and innerLr, else 10 steps at 0.01 (a plugin's method may have neither); batch norms
     * as the method's batchNorm option says, else (initialisations saved before the option, methods without it) on
     * their fixed statistics.
     */
    static AdaptationCurve adaptation(Map<String, String> methodOptions, Integer steps, Double lr) {
        String batchNorm = methodOptions.get("batchNorm");
        return new AdaptationCurve(steps != null ? steps : Integer.parseInt(methodOptions.getOrDefault("innerSteps",
                "10")), lr != null ? lr : Double.parseDouble(methodOptions.getOrDefault("innerLr", "0.01")),
                batchNorm == null ? BatchNormMode.FIXED : BatchNormMode.valueOf(batchNorm.toUpperCase(Locale.ROOT)));
    }

    /** A graph to meta-train and how its inputs are prepared; close it after use. */
    record Net(String reference, OnnxGraph graph, Preprocessor preprocessor, AutoCloseable resources)
            implements AutoCloseable {

        @Override
        public void close() {
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + reference, e);
            }
        }
    }

    /**
     * The net of {@code --net} (a spec the library builds, seeded) or {@code --model} (a model reference, with the
     * model's own preprocessing); exactly one of the two.
     */
    static Net net(String netSpec, String model, Xfer xfer, long seed) {
        if ((netSpec == null) == (model == null)) {
            throw new InvalidOptionException("give exactly one of --net (such as cnn:1x28:4x32:5) and --model");
        }
        if (netSpec != null) {
            OnnxGraph g = Nets.parse(netSpec, seed);
            NetInputs inputs = new NetInputs(g);
            return new Net("net:" + netSpec, g, inputs, inputs);
        }
        SourceModel m = xfer.openModel(model);
        return new Net(model, OnnxGraph.load(m.onnxFile()), m.preprocessor(), m);
    }

    /**
     * {@code net}'s graph, checked to have one output per class of an episode (one for regression).
     *
     * @throws InvalidOptionException naming the net and both counts
     */
    static OnnxGraph requireOutputs(Net net, Tasks tasks) {
        long[] dims = ShapeProbe.probe(net.graph().model(), Map.of())
                .get(net.graph().outputNames().getFirst()).shape();
        long declared = dims.length == 0 ? -1 : dims[dims.length - 1];
        if (declared > 0 && declared != tasks.outputs()) {
            throw new InvalidOptionException(net.reference() + " has " + declared + " outputs, but "
                    + tasks.metaTrain().name() + " needs " + tasks.outputs()
                    + (net.reference().startsWith("net:cnn") ? " (the last number of a cnn spec)" : ""));
        }
        return net.graph();
    }

    /** The net rebuilt from a saved graph: a spec-built net gets its input preparation back, a model its own. */
    static Net saved(String reference, byte[] graph, Xfer xfer) {
        OnnxGraph g = OnnxGraph.fromBytes(graph, reference);
        if (reference.startsWith("net:")) {
            NetInputs inputs = new NetInputs(g);
            return new Net(reference, g, inputs, inputs);
        }
        SourceModel m = xfer.openModel(reference);
        return new Net(reference, g, m.preprocessor(), m);
    }
}
