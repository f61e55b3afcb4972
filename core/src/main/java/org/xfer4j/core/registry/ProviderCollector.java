package org.xfer4j.core.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.xfer4j.api.Provider;
import org.xfer4j.api.SpiVersion;

/**
 * Accepts providers origin by origin, first come first served: a provider whose id its kind already has, whose SPI
 * version does not run on this host, or that fails to instantiate is skipped and noted in its origin's report.
 */
final class ProviderCollector {

    private final Map<ProviderKind, List<Provider>> accepted = new EnumMap<>(ProviderKind.class);
    private final Map<ProviderKind, Map<String, String>> originById = new EnumMap<>(ProviderKind.class);
    private final Map<Provider, String> origins = new IdentityHashMap<>();
    private final List<PluginReport> reports = new ArrayList<>();

    ProviderCollector() {
        for (ProviderKind k : ProviderKind.values()) {
            accepted.put(k, new ArrayList<>());
            originById.put(k, new HashMap<>());
        }
    }

    /** Offers ready-made providers (handed over by the host application) under {@code origin}. */
    void addInstances(String origin, List<? extends Provider> providers) {
        Report r = new Report();
        for (Provider p : providers) {
            for (ProviderKind k : ProviderKind.of(p)) {
                offer(k, p, origin, r);
            }
        }
        reports.add(new PluginReport(origin, null, true, null, r.ids, r.problems));
    }

    /** Offers the providers {@code finder} locates for each kind, reported under {@code origin} at {@code location}. */
    void addDiscovered(String origin, Path location, ServiceFinder finder) {
        Report r = new Report();
        for (ProviderKind k : ProviderKind.values()) {
            List<? extends ServiceLoader.Provider<? extends Provider>> found;
            try {
                found = finder.find(k.service()).toList();
            } catch (ServiceConfigurationError | LinkageError e) {
                r.problems.add(k.label() + " providers: " + Causes.describe(e));
                continue;
            }
            for (ServiceLoader.Provider<? extends Provider> candidate : found) {
                Provider p;
                try {
                    p = candidate.get();
                } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                    r.problems.add(k.label() + " " + candidate.type().getName() + ": cannot create it: " + Causes.describe(e));
                    continue;
                }
                offer(k, p, origin, r);
            }
        }
        reports.add(new PluginReport(origin, location, true, null, r.ids, r.problems));
    }

    /** Records a plugin that could not be loaded at all. */
    void addFailed(Plugin plugin) {
        reports.add(new PluginReport(plugin.name(), plugin.path(), false, plugin.failure(), List.of(), List.of()));
    }

    private void offer(ProviderKind kind, Provider p, String origin, Report r) {
        String id;
        SpiVersion spi;
        try {
            id = p.id();
            spi = p.spiVersion();
        } catch (LinkageError | RuntimeException e) {
            r.problems.add(kind.label() + " " + p.getClass().getName() + ": cannot read its id: " + Causes.describe(e));
            return;
        }
        String label = kind.label() + ":" + id;
        if (!spi.runsOn(SpiVersion.CURRENT)) {
            r.problems.add(label + ": built against SPI " + spi + ", this host offers " + SpiVersion.CURRENT);
            return;
        }
        String first = originById.get(kind).putIfAbsent(id, origin);
        if (first != null) {
            r.problems.add(label + ": duplicate id, already provided by " + first);
            return;
        }
        accepted.get(kind).add(p);
        origins.put(p, origin);
        r.ids.add(label);
    }

    @SuppressWarnings("unchecked")
    <S extends Provider> List<S> accepted(ProviderKind kind) {
        return List.copyOf((List<S>) accepted.get(kind));
    }

    Map<Provider, String> origins() {
        return origins;
    }

    List<PluginReport> reports() {
        return List.copyOf(reports);
    }

    /** Locates the providers of one service in one origin. */
    @FunctionalInterface
    interface ServiceFinder {
        <S> Stream<ServiceLoader.Provider<S>> find(Class<S> service);
    }

    /** The accepted ids and the problems of one origin, gathered while its providers are offered. */
    private static final class Report {
        final List<String> ids = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
    }
}
