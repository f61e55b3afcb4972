package org.xfer4j.core.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Predicate;
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

    /** How long a plugin provider may take to be created: -Dxfer4j.plugins.timeout (seconds), else 10 s. */
    public static final Duration DEFAULT_PLUGIN_TIMEOUT = TimedCreation.DEFAULT_LIMIT;

    private final ProviderCollector providers;

    private Registry(ProviderCollector providers) {
        this.providers = providers;
    }

    /** The built-in providers and those of the plugins under {@code pluginsDir} (null or missing: none). */
    public static Registry load(Path pluginsDir) {
        return load(pluginsDir, List.of(), PluginLoader.forHost());
    }

    /**
     * Like {@link #load(Path)}, with {@code hostProviders} ahead of everything else (so they win any id they share)
     * and plugins loaded by {@code loader}, each plugin provider created within the default time limit.
     */
    public static Registry load(Path pluginsDir, List<? extends Provider> hostProviders, PluginLoader loader) {
        return load(pluginsDir, hostProviders, loader, TimedCreation.DEFAULT_LIMIT);
    }

    /**
     * Like {@link #load(Path, List, PluginLoader)}, with plugin providers created within {@code limit} each: one that
     * takes longer is skipped with the rest of its plugin and named in {@link #plugins()}. Nothing of a plugin runs
     * until a provider of its kind is asked for, and a method or model source a built-in provides never asks.
     */
    public static Registry load(Path pluginsDir, List<? extends Provider> hostProviders, PluginLoader loader,
                                Duration limit) {
        ProviderCollector c = new ProviderCollector(limit);
        if (!hostProviders.isEmpty()) {
            c.addInstances(HOST, hostProviders);
        }
        c.addDiscovered(BUILT_IN, null, Registry::builtIn, false);
        for (Plugin p : loader.load(pluginsDir)) {
            if (p.loaded()) {
                c.addDiscovered(p.name(), p.path(), p::providers, true);
            } else {
                c.addFailed(p);
            }
        }
        return new Registry(c);
    }

    private static <S> Stream<ServiceLoader.Provider<S>> builtIn(Class<S> service) {
        return ServiceLoader.load(service, Registry.class.getClassLoader()).stream();
    }

    /**
     * Tells {@code sink} every plugin problem found so far (one line each) and every later one as it is found: a
     * plugin that cannot be loaded, or a provider of it that is skipped when its kind is first asked for.
     */
    public void warnTo(Consumer<String> sink) {
        providers.warnTo(sink);
    }

    /** One report per origin: host, built-in, then each plugin jar or folder, loaded or skipped. */
    public List<PluginReport> plugins() {
        providers.collectAll();
        return providers.reports();
    }

    /** Model sources, in the order they are asked whether they accept a reference. */
    public List<ModelSource> modelSources() {
        return all(ProviderKind.MODEL_SOURCE);
    }

    /** Feature extractor providers, in the order they are asked whether they support a model. */
    public List<FeatureExtractorProvider> featureExtractors() {
        return all(ProviderKind.FEATURE_EXTRACTOR);
    }

    /** Repurposing methods. */
    public List<RepurposerProvider> repurposers() {
        return all(ProviderKind.REPURPOSER);
    }

    /** Meta-learning methods. */
    public List<MetaLearnerProvider> metaLearners() {
        return all(ProviderKind.META_LEARNER);
    }

    /** Transferability estimators. */
    public List<TransferabilityEstimator> transferabilityEstimators() {
        return all(ProviderKind.TRANSFERABILITY_ESTIMATOR);
    }

    /**
     * The transferability estimator {@code id}.
     *
     * @throws InvalidOptionException naming the id and every known one
     */
    public TransferabilityEstimator transferabilityEstimator(String id) {
        return byId(ProviderKind.TRANSFERABILITY_ESTIMATOR, id, "transferability estimator");
    }

    /**
     * The repurposing method {@code id}.
     *
     * @throws InvalidOptionException naming the id and every known one
     */
    public RepurposerProvider repurposer(String id) {
        return byId(ProviderKind.REPURPOSER, id, "repurposing method");
    }

    /**
     * The meta-learning method {@code id}.
     *
     * @throws InvalidOptionException naming the id and every known one
     */
    public MetaLearnerProvider metaLearner(String id) {
        return byId(ProviderKind.META_LEARNER, id, "meta-learning method");
    }

    /**
     * The first model source that accepts {@code reference}.
     *
     * @throws InvalidOptionException naming the reference and every source with what it offers
     */
    public ModelSource modelSource(String reference) {
        ModelSource found = first(ProviderKind.MODEL_SOURCE, s -> s.accepts(reference));
        if (found != null) {
            return found;
        }
        String known = modelSources().stream()
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
        FeatureExtractorProvider found = first(ProviderKind.FEATURE_EXTRACTOR, p -> p.supports(model));
        if (found != null) {
            return found;
        }
        throw new InvalidOptionException("no feature extractor can run model " + model.name() + " ("
                + model.reference() + "); extractors: " + ids(featureExtractors()));
    }

    /** Where {@code provider} came from: "built-in", "host", or the plugin jar or folder name. */
    public String origin(Provider provider) {
        String o = providers.origin(provider);
        if (o == null) {
            throw new IllegalArgumentException(provider.getClass().getName() + " is not a provider of this registry");
        }
        return o;
    }

    private <P extends Provider> List<P> all(ProviderKind kind) {
        providers.collect(kind, true);
        return providers.accepted(kind);
    }

    /**
     * The first provider of {@code kind} that {@code wanted} accepts: among the host's and the built-in ones first,
     * so plugins are created only when none of those does.
     */
    private <P extends Provider> P first(ProviderKind kind, Predicate<P> wanted) {
        providers.collect(kind, false);
        for (P p : providers.<P>accepted(kind)) {
            if (wanted.test(p)) {
                return p;
            }
        }
        for (P p : this.<P>all(kind)) {
            if (wanted.test(p)) {
                return p;
            }
        }
        return null;
    }

    private <P extends Provider> P byId(ProviderKind kind, String id, String what) {
        P found = first(kind, p -> p.id().equals(id));
        if (found != null) {
            return found;
        }
        Map<String, List<String>> conflicts = providers.conflicts(kind);
        if (conflicts.containsKey(id)) {
            throw new InvalidOptionException(what + " '" + id + "' is provided by more than one plugin ("
                    + String.join(", ", conflicts.get(id)) + "), so none is used; remove all but one");
        }
        throw new InvalidOptionException("unknown " + what + " '" + id + "'; known: " + ids(all(kind)));
    }

    private static String ids(List<? extends Provider> providers) {
        return providers.isEmpty() ? "none installed" : providers.stream().map(Provider::id).toList().toString();
    }
}
