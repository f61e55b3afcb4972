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
 * Accepts providers origin by origin: a provider whose id is missing, whose SPI version does not run on this host, or
 * that fails to instantiate is skipped and noted in its origin's report. An id the host application or the built-ins
 * already provide stays theirs; an id two plugins share is refused in both (which one won would depend on file
 * names), noted in both reports and named when the id is asked for.
 */
final class ProviderCollector {

    private final Map<ProviderKind, List<Provider>> accepted = new EnumMap<>(ProviderKind.class);
    private final Map<ProviderKind, Map<String, String>> originById = new EnumMap<>(ProviderKind.class);
    private final Map<Provider, String> origins = new IdentityHashMap<>();
    private final Map<ProviderKind, Map<String, List<String>>> conflicts = new EnumMap<>(ProviderKind.class);
    private final List<PluginReport> reports = new ArrayList<>();

    ProviderCollector() {
        for (ProviderKind k : ProviderKind.values()) {
            accepted.put(k, new ArrayList<>());
            originById.put(k, new HashMap<>());
            conflicts.put(k, new HashMap<>());
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
        if (id == null || id.isBlank() || spi == null) {
            r.problems.add(kind.label() + " " + p.getClass().getName() + ": its " + (spi == null ? "SPI version" : "id")
                    + " is " + (id == null || spi == null ? "null" : "blank"));
            return;
        }
        String label = kind.label() + ":" + id;
        if (!spi.runsOn(SpiVersion.CURRENT)) {
            r.problems.add(label + ": built against SPI " + spi + ", this host offers " + SpiVersion.CURRENT);
            return;
        }
        List<String> conflicting = conflicts.get(kind).get(id);
        if (conflicting != null) {
            r.problems.add(label + ": duplicate id, also provided by " + String.join(", ", conflicting)
                    + "; all refused");
            conflicting.add(origin);
            return;
        }
        String first = originById.get(kind).putIfAbsent(id, origin);
        if (first == null) {
            accepted.get(kind).add(p);
            origins.put(p, origin);
            r.ids.add(label);
        } else if (first.equals(Registry.HOST) || first.equals(Registry.BUILT_IN) || first.equals(origin)) {
            r.problems.add(label + ": duplicate id, already provided by " + first);
        } else {
            refuseBoth(kind, id, label, first, origin);
            r.problems.add(label + ": duplicate id, also provided by " + first + "; both refused");
        }
    }

    /** Withdraws the provider of {@code id} that plugin {@code first} gave, and says why in its report. */
    private void refuseBoth(ProviderKind kind, String id, String label, String first, String second) {
        conflicts.get(kind).put(id, new ArrayList<>(List.of(first, second)));
        Provider earlier = accepted.get(kind).stream().filter(q -> id.equals(q.id()) && first.equals(origins.get(q)))
                .findFirst().orElseThrow();
        accepted.get(kind).remove(earlier);
        origins.remove(earlier);
        for (int i = 0; i < reports.size(); i++) {
            PluginReport old = reports.get(i);
            if (old.name().equals(first)) {
                List<String> ids = new ArrayList<>(old.providers());
                ids.remove(label);
                List<String> problems = new ArrayList<>(old.problems());
                problems.add(label + ": duplicate id, also provided by " + second + "; both refused");
                reports.set(i, new PluginReport(old.name(), old.location(), true, null, ids, problems));
            }
        }
    }

    /** Per id that several plugins provide (all refused), the plugins, in load order. */
    Map<String, List<String>> conflicts(ProviderKind kind) {
        Map<String, List<String>> out = new HashMap<>();
        conflicts.get(kind).forEach((id, o) -> out.put(id, List.copyOf(o)));
        return out;
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
