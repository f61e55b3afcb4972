package org.xfer4j.evaluation.study;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;

/**
 * What a study runs: every method on every dataset through every model that applies to it, at every number of
 * examples per class, each few-shot draw repeated with different seeds, all evaluated on the dataset's test part.
 *
 * @param name the study's name (report title)
 * @param seed the base seed of the draws
 * @param repeats draws per few-shot size ({@link #ALL} is drawn once: it is the whole training pool)
 * @param shots examples per class, or {@link #ALL}; a dataset may name its own
 * @param datasets the datasets, in order
 * @param models the models and their layers
 * @param methods the method variants (option grids already expanded)
 * @param source the study file's text (kept in the results' provenance), or a sentence when built in code
 */
public record StudyDefinition(String name, long seed, int repeats, List<Integer> shots, List<DatasetEntry> datasets,
                              List<ModelEntry> models, List<MethodEntry> methods, String source) {

    /** Every training example of the pool instead of k per class. */
    public static final int ALL = -1;

    public StudyDefinition {
        shots = List.copyOf(shots);
        datasets = List.copyOf(datasets);
        models = List.copyOf(models);
        methods = List.copyOf(methods);
        InvalidOptionException.require(repeats >= 1, "repeats must be >= 1, got " + repeats);
        InvalidOptionException.require(!datasets.isEmpty(), "a study needs at least one dataset");
        InvalidOptionException.require(!models.isEmpty(), "a study needs at least one model");
        InvalidOptionException.require(!methods.isEmpty(), "a study needs at least one method");
        checkShots(shots, "shots");
    }

    static void checkShots(List<Integer> shots, String what) {
        for (int k : shots) {
            InvalidOptionException.require(k == ALL || k >= 1, what + " must be >= 1 or all, got " + k);
        }
    }

    /**
     * One dataset: either {@code train} and {@code test} data specs, or one {@code data} spec split by the rule
     * ({@code testFraction}, stratified with {@code splitSeed}). Pools can be capped per class.
     *
     * @param name the dataset's key in results and reports
     * @param title a heading for the report (defaults to the name)
     * @param description a sentence for the report, may be empty
     * @param train training data spec (where draws come from), or null with {@code data}
     * @param test test data spec, or null with {@code data}
     * @param data one data spec to split, or null
     * @param testFraction share of {@code data} held out for testing
     * @param splitSeed seed of that split
     * @param trainPerClass training pool per class drawn once with the study seed, 0 for all
     * @param testPerClass test examples per class drawn once with the study seed, 0 for all
     * @param shots this dataset's own shots, empty for the study's
     * @param line the line of the study file where the entry starts (0 when built in code)
     */
    public record DatasetEntry(String name, String title, String description, String train, String test, String data,
                               double testFraction, long splitSeed, int trainPerClass, int testPerClass,
                               List<Integer> shots, int line) {
        public DatasetEntry {
            shots = List.copyOf(shots);
            checkShots(shots, "shots of dataset " + name);
        }

        /** A dataset with its own train and test specs. */
        public static DatasetEntry of(String name, String train, String test) {
            return new DatasetEntry(name, name, "", train, test, null, 0.3, 42, 0, 0, List.of(), 0);
        }
    }

    /**
     * One model and the layers its features come from.
     *
     * @param model the model reference (any name a model source accepts)
     * @param layers feature layers, empty for the model's default feature layer
     * @param datasets the datasets it applies to, empty for all
     * @param line the line of the study file
     */
    public record ModelEntry(String model, List<String> layers, List<String> datasets, int line) {
        public ModelEntry {
            layers = List.copyOf(layers);
            datasets = List.copyOf(datasets);
        }

        /** Whether this model runs on {@code dataset}. */
        public boolean appliesTo(String dataset) {
            return datasets.isEmpty() || datasets.contains(dataset);
        }
    }

    /**
     * One method variant.
     *
     * @param label its name in results (the provider id, plus the grid's options when there is a grid)
     * @param method the provider id
     * @param options its options as key=value properties
     * @param line the line of the study file
     */
    public record MethodEntry(String label, String method, Map<String, String> options, int line) {
        public MethodEntry {
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }
    }

    /** The shots of {@code d}: its own, else the study's. */
    public List<Integer> shotsOf(DatasetEntry d) {
        return d.shots().isEmpty() ? shots : d.shots();
    }
}
