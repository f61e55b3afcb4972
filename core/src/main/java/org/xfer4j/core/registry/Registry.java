package org.xfer4j.core.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Provider;
import org.xfer4j.api.feature.FeatureExtractorProvider;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.api.model.ModelSource;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.RepurposerProvider;
import org.xfer4j.api.transfer.TransferabilityEstimator;

/**
 * Every provider the host can use, by kind: providers handed over by the host application first, then built-in
 * ones (boot layer and class path), then those of each plugin in name order. The host's or a built-in provider of
 * an id wins over plugins; an id two plugins share is refused in both, and named when asked for.
 */
public final class Registry {

    /** Origin of providers found on the boot layer or class path. */
    public static final String BUILT_IN = "built-in";
    /** Origin of providers the host application handed over directly. */
    public static final String HOST = "host";

    private final List<ModelSource> modelSources;
    private final List<FeatureExtractorProvider> featureExtractors;
    private final List<RepurposerProvider> repurposers;
    private final List<MetaLearnerProvider> metaLearners;
    private final List<TransferabilityEstimator> estimators;
    private final Map<Provider, String> origins;
    private final List<PluginReport> plugins;
    private final Map<String, List<String>> repurposerConflicts;
    private final Map<String, List<String>> metaLearnerConflicts;
    private final Map<String, List<String>> estimatorConflicts;

    private Registry(ProviderCollector c) {
        this.modelSources = c.accepted(ProviderKind.MODEL_SOURCE);
        this.featureExtractors = c.accepted(ProviderKind.FEATURE_EXTRACTOR);
        this.repurposers = c.accepted(ProviderKind.REPURPOSER);
        this.metaLearners = c.accepted(ProviderKind.META_LEARNER);
        this.estimators = c.accepted(ProviderKind.TRANSFERABILITY_ESTIMATOR);
        this.origins = c.origins();
        this.plugins = c.reports();
        this.repurposerConflicts = c.conflicts(ProviderKind.REPURPOSER);
        this.metaLearnerConflicts = c.conflicts(ProviderKind.META_LEARNER);
        this.estimatorConflicts = c.conflicts(ProviderKind.TRANSFERABILITY_ESTIMATOR);
    }

    /** The built-in providers and those of the plugins under {@code pluginsDir} (null or missing: none). */
    public static Registry load(Path pluginsDir) {
        return load(pluginsDir, List.of(), PluginLoader.forHost());
    }

    /**
     * Like {@link #load(Path)}, with {@code hostProviders} ahead of everything else (so they win any id they share)
     * and plugins loaded by {@code loader}.
     */
    public static Registry load(Path pluginsDir, List<? extends Provider> hostProviders, PluginLoader loader) {
        ProviderCollector c = new ProviderCollector();
        if (!hostProviders.isEmpty()) {
            c.addInstances(HOST, hostProviders);
        }
        c.addDiscovered(BUILT_IN, null, Registry::builtIn);
        for (Plugin p : loader.load(pluginsDir)) {
            if (p.loaded()) {
                c.addDiscovered(p.name(), p.path(), p::providers);
            } else {
                c.addFailed(p);
            }
        }
        return new Registry(c);
    }

    private static <S> Stream<ServiceLoader.Provider<S>> builtIn(Class<S> service) {
        return ServiceLoader.load(service, Registry.class.getClassLoader()).stream();
    }

    /** One report per origin: host, built-in, then each plugin jar or folder, loaded or skipped. */
    public List<PluginReport> plugins() {
        return plugins;
    }

    /** Model sources, in the order they are asked whether they accept a reference. */
    public List<ModelSource> modelSources() {
        return modelSources;
    }

    /** Feature extractor providers, in the order they are asked whether they support a model. */
    public List<FeatureExtractorProvider> featureExtractors() {
        return featureExtractors;
    }

    /** Repurposing methods. */
    public List<RepurposerProvider> repurposers() {
        return repurposers;
    }

    /** Meta-learning methods. */
    public List<MetaLearnerProvider> metaLearners() {
        return metaLearners;
    }

    /** Transferability estimators. */
    public List<TransferabilityEstimator> transferabilityEstimators() {
        return estimators;
    }

    /**
     * The transferability estimator {@code id}.
     *
     * @throws InvalidOptionException naming the id and every known one
     */
    public TransferabilityEstimator transferabilityEstimator(String id) {
        return byId(estimators, estimatorConflicts, id, "transferability estimator");
    }

    /**
     * The repurposing method {@code id}.
     *
     * @throws InvalidOptionException naming the id and every known one
     */
    public RepurposerProvider repurposer(String id) {
        return byId(repurposers, repurposerConflicts, id, "repurposing method");
    }

    /**
     * The meta-learning method {@code id}.
     *
     * @throws InvalidOptionException naming the id and every known one
     */
    public MetaLearnerProvider metaLearner(String id) {
        return byId(metaLearners, metaLearnerConflicts, id, "meta-learning method");
    }

    /**
     * The first model source that accepts {@code reference}.
     *
     * @throws InvalidOptionException naming the reference and every source with what it offers
     */
    public ModelSource modelSource(String reference) {
        for (ModelSource s : modelSources) {
            if (s.accepts(reference)) {
                return s;
            }
        }
        String known = modelSources.stream()
                .map(s -> s.id() + " (" + s.description() + (s.catalogue().isEmpty() ? "" : ": " + s.catalogue()) + ")")
                .collect(Collectors.joining(", "));
        throw new InvalidOptionException("no model source accepts '" + reference + "'; sources: "
                + (known.isEmpty() ? "none installed" : known));
    }

    /**
     * The first feature extractor provider that can run {@code model}.
     *
     * @throws InvalidOptionException naming the model and every extractor provider
     */
    public FeatureExtractorProvider featureExtractor(SourceModel model) {
        for (FeatureExtractorProvider p : featureExtractors) {
            if (p.supports(model)) {
                return p;
            }
        }
        throw new InvalidOptionException("no feature extractor can run model " + model.name() + " ("
                + model.reference() + "); extractors: " + ids(featureExtractors));
    }

    /** Where {@code provider} came from: "built-in", "host", or the plugin jar or folder name. */
    public String origin(Provider provider) {
        String o = origins.get(provider);
        if (o == null) {
            throw new IllegalArgumentException(provider.getClass().getName() + " is not a provider of this registry");
        }
        return o;
    }

    private static <P extends Provider> P byId(List<P> providers, Map<String, List<String>> conflicts, String id,
                                               String what) {
        for (P p : providers) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        if (conflicts.containsKey(id)) {
            throw new InvalidOptionException(what + " '" + id + "' is provided by more than one plugin ("
                    + String.join(", ", conflicts.get(id)) + "), so none is used; remove all but one");
        }
        throw new InvalidOptionException("unknown " + what + " '" + id + "'; known: " + ids(providers));
    }

    private static String ids(List<? extends Provider> providers) {
        return providers.isEmpty() ? "none installed" : providers.stream().map(Provider::id).toList().toString();
    }
}
