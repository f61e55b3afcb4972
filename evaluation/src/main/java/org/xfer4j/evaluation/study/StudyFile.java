package org.xfer4j.evaluation.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.core.tuning.Objective;
import org.xfer4j.core.tuning.Strategy;
import org.xfer4j.core.tuning.TuningSettings;
import org.xfer4j.evaluation.study.StudyDefinition.DatasetEntry;
import org.xfer4j.evaluation.study.StudyDefinition.MethodEntry;
import org.xfer4j.evaluation.study.StudyDefinition.ModelEntry;

/**
 * Reads a study file (YAML 1.2) into a {@link StudyDefinition}. Syntax and shape errors name the file and line;
 * whether methods, options, models and data exist is {@link StudyValidator}'s job.
 * <pre>
 * study: my-benchmark            # name, report title
 * seed: 42
 * repeats: 5                     # draws per few-shot size
 * shots: [5, 10, 50, all]        # examples per class
 * metrics: [accuracy, ece]       # optional, checked against the metrics every run records anyway
 * datasets:
 *   - name: spam
 *     train: spam-subjects:train # any data spec the CLI reads
 *     test: spam-subjects:test
 *   - name: tickets
 *     data: tickets.csv          # one spec split by a rule
 *     split: {test: 0.3, seed: 7}
 *     trainPerClass: 200         # optional caps on the pools
 * models:
 *   - model: bge-small-en-v1.5
 *     layers: [default]          # feature layers (default: the model's own)
 *     datasets: [spam, tickets]  # default: all
 * methods:
 *   - lr
 *   - method: svm
 *     options: {kernel: [linear, rbf], C: 1}   # lists are grids: one variant per combination
 *   - method: lr
 *     label: lr-tuned
 *     options: {C: auto}         # searched per run on the draw only (auto or a range, e.g. 0.01..100)
 *     hpo: {strategy: bayes, evaluations: 20, folds: 5, objective: log-loss}
 *     calibrate: temperature     # temperature scaling fitted on out-of-fold predictions of the draw
 * hpo: {strategy: random}        # optional: the search settings of every method without its own
 * </pre>
 */
public final class StudyFile {

    private static final Set<String> TOP = Set.of("study", "seed", "repeats", "shots", "datasets", "models", "methods",
            "metrics", "hpo");
    private static final Set<String> DATASET = Set.of("name", "title", "description", "train", "test", "data", "split",
            "trainPerClass", "testPerClass", "shots");
    private static final Set<String> SPLIT = Set.of("test", "seed");
    private static final Set<String> MODEL = Set.of("model", "layers", "datasets");
    private static final Set<String> METHOD = Set.of("method", "label", "options", "hpo", "calibrate");
    private static final Set<String> HPO = Set.of("strategy", "evaluations", "folds", "objective");

    private StudyFile() {
    }

    /** Reads and parses {@code file}. */
    public static StudyDefinition read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException("study file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read study file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The deepest nesting of lists and mappings a study file may have; real ones have five levels at most. */
    static final int MAX_DEPTH = 64;

    /**
     * Refuses text nesting lists or mappings deeper than {@link #MAX_DEPTH}, from the parser's events alone: the
     * composer that builds the node tree recurses, and deep enough nesting would overflow the stack.
     */
    private static void requireShallow(LoadSettings settings, String text, String fileName) {
        int depth = 0;
        for (ParserImpl events = new ParserImpl(settings, new StreamReader(settings, text)); events.hasNext(); ) {
            Event e = events.next();
            if (e instanceof CollectionStartEvent && ++depth > MAX_DEPTH) {
                throw new InvalidInputException("study file " + fileName + " line "
                        + e.getStartMark().map(m -> m.getLine() + 1).orElse(0) + ": lists and mappings nest deeper "
                        + "than " + MAX_DEPTH + " levels");
            } else if (e instanceof CollectionEndEvent) {
                depth--;
            }
        }
    }

    /** Parses study text; {@code fileName} names it in errors. */
    public static StudyDefinition parse(String text, String fileName) {
        Node root;
        try {
            // the Composer keeps each node's start mark, so errors can name the line
            LoadSettings settings = LoadSettings.builder().setLabel(fileName).build();
            requireShallow(settings, text, fileName);
            root = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text))).getSingleNode()
                    .orElseThrow(() -> new InvalidInputException("study file " + fileName + " is empty"));
        } catch (YamlEngineException e) {
            throw new InvalidInputException("study file " + fileName + " is not valid YAML: " + e.getMessage(), e);
        }
        YamlNodes y = new YamlNodes(fileName);
        Map<String, Node> top = y.mapping(root, "the study", TOP);
        for (String required : List.of("datasets", "models", "methods")) {
            if (!top.containsKey(required)) {
                throw y.error(root, "the study needs a '" + required + "' list");
            }
        }
        String name = top.containsKey("study") ? y.scalar(top.get("study"), "study") : fileName;
        long seed = top.containsKey("seed") ? y.number(top.get("seed"), "seed") : 42;
        long repeats = top.containsKey("repeats") ? y.number(top.get("repeats"), "repeats") : 5;
        if (repeats < 1) {
            throw y.error(top.get("repeats"), "repeats must be >= 1, got " + repeats);
        }
        List<Integer> shots = top.containsKey("shots") ? y.shots(top.get("shots"), "shots") : List.of(5, 10, 50);
        if (top.containsKey("metrics")) {
            for (Node n : y.items(top.get("metrics"), "metrics")) {
                String m = y.scalar(n, "a metric");
                if (!Metric.NAMES.contains(m)) {
                    throw y.error(n, "unknown metric '" + m + "'; known: " + Metric.NAMES);
                }
            }
        }
        List<DatasetEntry> datasets = new ArrayList<>();
        for (Node n : y.items(top.get("datasets"), "datasets")) {
            datasets.add(dataset(y, n, datasets));
        }
        List<ModelEntry> models = new ArrayList<>();
        for (Node n : y.items(top.get("models"), "models")) {
            models.add(model(y, n, datasets));
        }
        TuningSettings tuning = top.containsKey("hpo") ? tuning(y, top.get("hpo"), TuningSettings.DEFAULTS)
                : TuningSettings.DEFAULTS;
        List<MethodEntry> methods = new ArrayList<>();
        for (Node n : y.items(top.get("methods"), "methods")) {
            for (MethodEntry m : methods(y, n, tuning)) {
                if (methods.stream().anyMatch(o -> o.label().equals(m.label()))) {
                    throw y.error(n, "method variant '" + m.label() + "' appears twice; give one a label");
                }
                methods.add(m);
            }
        }
        return new StudyDefinition(name, seed, (int) repeats, shots, datasets, models, methods, text);
    }

    /** Search settings from an {@code hpo} block; missing keys keep {@code base}'s. */
    private static TuningSettings tuning(YamlNodes y, Node node, TuningSettings base) {
        Map<String, Node> h = y.mapping(node, "hpo", HPO);
        try {
            return new TuningSettings(
                    h.containsKey("strategy") ? Strategy.parse(y.scalar(h.get("strategy"), "strategy")) : base.strategy(),
                    h.containsKey("evaluations") ? (int) y.number(h.get("evaluations"), "evaluations")
                            : base.evaluations(),
                    h.containsKey("folds") ? (int) y.number(h.get("folds"), "folds") : base.folds(),
                    h.containsKey("objective") ? Objective.parse(y.scalar(h.get("objective"), "objective"))
                            : base.objective());
        } catch (InvalidOptionException e) {
            throw y.error(node, "hpo: " + e.getMessage());
        }
    }

    private static DatasetEntry dataset(YamlNodes y, Node node, List<DatasetEntry> earlier) {
        Map<String, Node> m = y.mapping(node, "a dataset", DATASET);
        if (!m.containsKey("name")) {
            throw y.error(node, "a dataset needs a name");
        }
        String name = y.scalar(m.get("name"), "name");
        if (earlier.stream().anyMatch(d -> d.name().equals(name))) {
            throw y.error(m.get("name"), "dataset name '" + name + "' appears twice");
        }
        boolean pair = m.containsKey("train") || m.containsKey("test");
        if (pair == m.containsKey("data") || (pair && !(m.containsKey("train") && m.containsKey("test")))) {
            throw y.error(node, "dataset " + name + " needs either train and test, or data (with an optional split)");
        }
        if (pair && m.containsKey("split")) {
            throw y.error(m.get("split"), "dataset " + name + ": split applies to data, not to train and test");
        }
        double testFraction = 0.3;
        long splitSeed = 42;
        if (m.containsKey("split")) {
            Map<String, Node> s = y.mapping(m.get("split"), "split", SPLIT);
            if (s.containsKey("test")) {
                testFraction = y.decimal(s.get("test"), "split test fraction");
                if (!(testFraction > 0 && testFraction < 1)) {
                    throw y.error(s.get("test"), "split test fraction must be in (0, 1), got " + testFraction);
                }
            }
            splitSeed = s.containsKey("seed") ? y.number(s.get("seed"), "split seed") : splitSeed;
        }
        return new DatasetEntry(name, text(y, m, "title", name), text(y, m, "description", ""),
                pair ? y.scalar(m.get("train"), "train") : null, pair ? y.scalar(m.get("test"), "test") : null,
                pair ? null : y.scalar(m.get("data"), "data"), testFraction, splitSeed, cap(y, m, "trainPerClass"),
                cap(y, m, "testPerClass"), m.containsKey("shots") ? y.shots(m.get("shots"), "shots") : List.of(),
                YamlNodes.line(node));
    }

    private static String text(YamlNodes y, Map<String, Node> m, String key, String otherwise) {
        return m.containsKey(key) ? y.scalar(m.get(key), key) : otherwise;
    }

    private static int cap(YamlNodes y, Map<String, Node> m, String key) {
        if (!m.containsKey(key)) {
            return 0;
        }
        long v = y.number(m.get(key), key);
        if (v < 1) {
            throw y.error(m.get(key), key + " must be >= 1, got " + v);
        }
        return (int) v;
    }

    private static ModelEntry model(YamlNodes y, Node node, List<DatasetEntry> datasets) {
        Map<String, Node> m = y.mapping(node, "a model", MODEL);
        if (!m.containsKey("model")) {
            throw y.error(node, "a model entry needs model: NAME");
        }
        List<String> layers = m.containsKey("layers") ? y.scalars(m.get("layers"), "layers") : List.of();
        List<String> on = m.containsKey("datasets") ? y.scalars(m.get("datasets"), "datasets") : List.of();
        for (String d : on) {
            if (datasets.stream().noneMatch(e -> e.name().equals(d))) {
                throw y.error(m.get("datasets"), "unknown dataset '" + d + "'; the study's datasets: "
                        + datasets.stream().map(DatasetEntry::name).toList());
            }
        }
        return new ModelEntry(y.scalar(m.get("model"), "model"),
                layers.equals(List.of("default")) ? List.of() : layers, on, YamlNodes.line(node));
    }

    /** One method entry: a bare id, or method/label/options, lists in options expanding into a grid. */
    private static List<MethodEntry> methods(YamlNodes y, Node node, TuningSettings studyTuning) {
        int line = YamlNodes.line(node);
        if (!(node instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
            String id = y.scalar(node, "a method");
            return List.of(new MethodEntry(id, id, Map.of(), studyTuning, false, line));
        }
        Map<String, Node> m = y.mapping(node, "a method", METHOD);
        if (!m.containsKey("method")) {
            throw y.error(node, "a method entry needs method: ID");
        }
        String id = y.scalar(m.get("method"), "method");
        Map<String, List<String>> grid = new LinkedHashMap<>();
        if (m.containsKey("options")) {
            y.freeMapping(m.get("options"), "options of " + id)
                    .forEach((k, v) -> grid.put(k, y.scalars(v, "option " + k + " of " + id)));
        }
        String label = m.containsKey("label") ? y.scalar(m.get("label"), "label") : id;
        TuningSettings tuning = m.containsKey("hpo") ? tuning(y, m.get("hpo"), studyTuning) : studyTuning;
        boolean calibrate = false;
        if (m.containsKey("calibrate")) {
            String c = y.scalar(m.get("calibrate"), "calibrate");
            if (!c.equals("temperature") && !c.equals("none")) {
                throw y.error(m.get("calibrate"), "calibrate takes temperature or none, got '" + c + "'");
            }
            calibrate = c.equals("temperature");
        }
        List<Map<String, String>> points = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (var e : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : e.getValue()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        List<String> varying = grid.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .toList();
        boolean isGrid = m.containsKey("options") && m.get("options") instanceof org.snakeyaml.engine.v2.nodes.MappingNode
                && grid.values().stream().anyMatch(v -> v.size() > 1);
        List<MethodEntry> out = new ArrayList<>();
        for (Map<String, String> p : points) {
            Map<String, String> shown = new TreeMap<>();
            varying.forEach(k -> shown.put(k, p.get(k)));
            String variant = isGrid ? label + shown.toString().replace('{', '[').replace('}', ']').replace(" ", "")
                    : label;
            out.add(new MethodEntry(variant, id, p, tuning, calibrate, line));
        }
        return out;
    }
}
