package org.xfer4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.meta.nets.Nets;
import org.xfer4j.meta.tasks.ClassSplit;
import org.xfer4j.meta.tasks.EpisodeShape;
import org.xfer4j.meta.tasks.Episodes;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;

/**
 * What meta-train and meta-test share: the tasks a {@code --tasks} argument names (episodes over a dataset, split
 * by class), and the net a {@code --net} spec or {@code --model} reference gives, with its input preparation. The
 * settings are recorded in the initialisation artifact so meta-test rebuilds the same tasks.
 */
final class MetaSetup {

    static final String TASKS_HELP = "episodes:DATA (N-way K-shot episodes over a labelled dataset: "
            + DataSpecs.HELP + ")";

    private MetaSetup() {
    }

    /** Episodes of one shape over a dataset, with its class split. */
    record EpisodeTasks(String spec, Dataset data, ClassSplit split, EpisodeShape shape) {

        Episodes part(ClassSplit.Part part) {
            return Episodes.of(data, split, part, shape);
        }

        /** The settings that rebuild these tasks. */
        Map<String, String> settings() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("tasks", spec);
            m.put("ways", Integer.toString(shape.ways()));
            m.put("shots", Integer.toString(shape.shots()));
            m.put("queries", Integer.toString(shape.queries()));
            m.put("split", split.train().size() + "/" + split.validation().size() + "/" + split.test().size());
            m.put("split.seed", Long.toString(SPLIT_SEED));
            return m;
        }
    }

    /** Seed of the class split, fixed so meta-train and meta-test agree on the held-out classes. */
    static final long SPLIT_SEED = 42;

    /**
     * The episodes {@code spec} names.
     *
     * @throws InvalidOptionException naming the argument when it is not episodes:DATA
     */
    static EpisodeTasks episodes(String spec, EpisodeShape shape, String split, Path cacheDir) {
        if (!spec.startsWith("episodes:")) {
            throw new InvalidOptionException("--tasks '" + spec + "' is not one of: " + TASKS_HELP);
        }
        Dataset data = DataSpecs.resolve(spec.substring("episodes:".length()), cacheDir);
        if (data.classes().size() < 2 * shape.ways()) {
            throw new InvalidInputException("dataset " + data.name() + " has " + data.classes().size()
                    + " classes; class-disjoint meta-train and meta-test episodes of " + shape.ways()
                    + " ways need at least " + 2 * shape.ways());
        }
        ClassSplit classes = ClassSplit.parse(split, data.classes().size(), shape.ways(), SPLIT_SEED);
        EpisodeTasks tasks = new EpisodeTasks(spec, data, classes, shape);
        tasks.part(ClassSplit.Part.TRAIN); // too few classes or examples fail here, before any training
        tasks.part(ClassSplit.Part.TEST);
        return tasks;
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
