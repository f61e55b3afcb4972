package org.xfer4j.core.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.xfer4j.api.Provider;
import org.xfer4j.api.SpiVersion;

/**
 * Accepts providers origin by origin, kind by kind, and only when a kind is asked for: a command that needs a
 * built-in method never runs a plugin's code. A provider whose id is missing, whose SPI version does not run on this
 * host, or that fails to instantiate is skipped and noted in its origin's report; a plugin's provider that takes
 * longer than the time limit to create is skipped with every later provider of that plugin. An id the host
 * application or the built-ins already provide stays theirs; an id two plugins share is refused in both (which one
 * won would depend on file names), noted in both reports and named when the id is asked for.
 */
final class ProviderCollector {

    private final Map<ProviderKind, List<Provider>> accepted = new EnumMap<>(ProviderKind.class);
    private final Map<ProviderKind, Map<String, String>> originById = new EnumMap<>(ProviderKind.class);
    private final Map<Provider, String> origins = new IdentityHashMap<>();
    private final Map<ProviderKind, Map<String, List<String>>> conflicts = new EnumMap<>(ProviderKind.class);
    private final List<Origin> sources = new ArrayList<>();
    private final Duration limit;
    private Consumer<String> warnings = w -> { };

    ProviderCollector(Duration limit) {
        this.limit = limit;
        for (ProviderKind k : ProviderKind.values()) {
            accepted.put(k, new ArrayList<>());
            originById.put(k, new HashMap<>());
            conflicts.put(k, new HashMap<>());
        }
    }

    /** Offers ready-made providers (handed over by the host application) under {@code origin}, every kind at once. */
    synchronized void addInstances(String origin, List<? extends Provider> providers) {
        Origin o = new Origin(origin, null, null, false, null);
        sources.add(o);
        for (Provider p : providers) {
            for (ProviderKind k : ProviderKind.of(p)) {
                try {
                    offer(k, p, p.id(), p.spiVersion(), o);
                } catch (LinkageError | RuntimeException e) {
                    o.problem(k.label() + " " + p.getClass().getName() + ": cannot read its id: " + Causes.describe(e));
                }
            }
        }
        o.collected.addAll(EnumSet.allOf(ProviderKind.class));
    }

    /**
     * Registers the providers {@code finder} locates for each kind, reported under {@code origin} at {@code location};
     * they are created when their kind is first asked for, a plugin's ({@code plugin}) within the time limit.
     */
    synchronized void addDiscovered(String origin, Path location, ServiceFinder finder, boolean plugin) {
        sources.add(new Origin(origin, location, finder, plugin, null));
    }

    /** Records a plugin that could not be loaded at all. */
    synchronized void addFailed(Plugin plugin) {
        Origin o = new Origin(plugin.name(), plugin.path(), null, true, plugin.failure());
        o.collected.addAll(EnumSet.allOf(ProviderKind.class));
        sources.add(o);
        warnings.accept(o.report().toString());
    }

    /** Where every problem found from now on is told, as it is found (those found so far are told at once). */
    synchronized void warnTo(Consumer<String> sink) {
        warnings = sink;
        for (Origin o : sources) {
            if (o.failure != null || !o.problems.isEmpty()) {
                sink.accept(o.report().toString());
            }
        }
    }

    /**
     * Creates the providers of {@code kind} of every origin up to the first plugin (host and built-ins), or of
     * every origin with {@code plugins}, unless already done.
     */
    synchronized void collect(ProviderKind kind, boolean plugins) {
        for (Origin o : sources) {
            if (o.plugin && !plugins) {
                return;
            }
            if (o.collected.add(kind) && o.failure == null && o.finder != null) {
                discover(kind, o);
            }
        }
    }

    /** Creates the providers of every kind of every origin. */
    synchronized void collectAll() {
        for (ProviderKind k : ProviderKind.values()) {
            collect(k, true);
        }
    }

    private void discover(ProviderKind kind, Origin o) {
        List<? extends ServiceLoader.Provider<? extends Provider>> found;
        try {
            found = o.finder.find(kind.service()).toList();
        } catch (ServiceConfigurationError | LinkageError e) {
            o.problem(kind.label() + " providers: " + Causes.describe(e));
            found = List.of();
        }
        for (ServiceLoader.Provider<? extends Provider> candidate : found) {
            if (o.timedOut != null) {
                o.problem(kind.label() + " " + candidate.type().getName() + ": not created, since " + o.timedOut
                        + " did not finish");
                continue;
            }
            create(kind, candidate, o);
        }
    }

    /** One provider with its id and SPI version, all read by the plugin's code (so within the time limit). */
    private record Created(Provider provider, String id, SpiVersion spi) {
    }

    private void create(ProviderKind kind, ServiceLoader.Provider<? extends Provider> candidate, Origin o) {
        String type = candidate.type().getName();
        Created c;
        try {
            c = o.plugin
                    ? TimedCreation.call(o.name, "creating its " + kind.label() + " " + type, limit,
                            () -> created(candidate))
                    : created(candidate);
        } catch (TimeoutException e) {
            o.timedOut = type;
            o.problem(kind.label() + " " + type + ": not created within " + seconds(limit)
                    + " (-Dxfer4j.plugins.timeout); skipped with the rest of " + o.name);
            return;
        } catch (ExecutionException e) {
            o.problem(kind.label() + " " + type + ": " + failure(e.getCause()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            o.problem(kind.label() + " " + type + ": interrupted while it was being created");
            return;
        } catch (CreationFailure e) {
            o.problem(kind.label() + " " + type + ": " + e.getMessage());
            return;
        }
        offer(kind, c.provider(), c.id(), c.spi(), o);
    }

    private static Created created(ServiceLoader.Provider<? extends Provider> candidate) throws CreationFailure {
        Provider p;
        try {
            p = candidate.get();
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
            throw new CreationFailure("cannot create it: " + Causes.describe(e), e);
        }
        try {
            return new Created(p, p.id(), p.spiVersion());
        } catch (LinkageError | RuntimeException e) {
            throw new CreationFailure("cannot read its id: " + Causes.describe(e), e);
        }
    }

    /** A provider that could not be created or asked its id, with what went wrong. */
    private static final class CreationFailure extends Exception {
        private static final long serialVersionUID = 1L;

        CreationFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String failure(Throwable e) {
        return e instanceof CreationFailure ? e.getMessage() : "cannot create it: " + Causes.describe(e);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private void offer(ProviderKind kind, Provider p, String id, SpiVersion spi, Origin o) {
        String origin = o.name;
        if (id == null || id.isBlank() || spi == null) {
            o.problem(kind.label() + " " + p.getClass().getName() + ": its " + (spi == null ? "SPI version" : "id")
                    + " is " + (id == null || spi == null ? "null" : "blank"));
            return;
        }
        String label = kind.label() + ":" + id;
        if (!spi.runsOn(SpiVersion.CURRENT)) {
            o.problem(label + ": built against SPI " + spi + ", this host offers " + SpiVersion.CURRENT);
            return;
        }
        List<String> conflicting = conflicts.get(kind).get(id);
        if (conflicting != null) {
            o.problem(label + ": duplicate id, also provided by " + String.join(", ", conflicting) + "; all refused");
            conflicting.add(origin);
            return;
        }
        String first = originById.get(kind).putIfAbsent(id, origin);
        if (first == null) {
            accepted.get(kind).add(p);
            origins.put(p, origin);
            o.ids.add(label);
        } else if (first.equals(Registry.HOST) || first.equals(Registry.BUILT_IN) || first.equals(origin)) {
            o.problem(label + ": duplicate id, already provided by " + first);
        } else {
            refuseBoth(kind, id, label, first, origin);
            o.problem(label + ": duplicate id, also provided by " + first + "; both refused");
        }
    }

    /** Withdraws the provider of {@code id} that plugin {@code first} gave, and says why in its report. */
    private void refuseBoth(ProviderKind kind, String id, String label, String first, String second) {
        conflicts.get(kind).put(id, new ArrayList<>(List.of(first, second)));
        Provider earlier = accepted.get(kind).stream().filter(q -> id.equals(q.id()) && first.equals(origins.get(q)))
                .findFirst().orElseThrow();
        accepted.get(kind).remove(earlier);
        origins.remove(earlier);
        for (Origin o : sources) {
            if (o.name.equals(first)) {
                o.ids.remove(label);
                o.problem(label + ": duplicate id, also provided by " + second + "; both refused");
            }
        }
    }

    /** Per id that several plugins provide (all refused), the plugins, in load order. */
    synchronized Map<String, List<String>> conflicts(ProviderKind kind) {
        Map<String, List<String>> out = new HashMap<>();
        conflicts.get(kind).forEach((id, o) -> out.put(id, List.copyOf(o)));
        return out;
    }

    @SuppressWarnings("unchecked")
    synchronized <S extends Provider> List<S> accepted(ProviderKind kind) {
        return List.copyOf((List<S>) accepted.get(kind));
    }

    synchronized String origin(Provider p) {
        return origins.get(p);
    }

    /** The report of every origin, as far as its providers were created. */
    synchronized List<PluginReport> reports() {
        return sources.stream().map(Origin::report).toList();
    }

    /** Locates the providers of one service in one origin. */
    @FunctionalInterface
    interface ServiceFinder {
        <S> Stream<ServiceLoader.Provider<S>> find(Class<S> service);
    }

    /** One source of providers: what it holds, which kinds were created, the ids accepted and the problems met. */
    private final class Origin {
        final String name;
        final Path location;
        final ServiceFinder finder;
        final boolean plugin;
        final String failure;
        final Set<ProviderKind> collected = EnumSet.noneOf(ProviderKind.class);
        final List<String> ids = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        /** The provider class that did not finish being created, after which nothing more of it is run. */
        String timedOut;

        Origin(String name, Path location, ServiceFinder finder, boolean plugin, String failure) {
            this.name = name;
            this.location = location;
            this.finder = finder;
            this.plugin = plugin;
            this.failure = failure;
        }

        /** Notes a provider skipped, and tells it at once. */
        void problem(String p) {
            problems.add(p);
            warnings.accept(name + (location == null ? "" : " (" + location + ")") + ": skipped " + p);
        }

        PluginReport report() {
            return new PluginReport(name, location, failure == null, failure, ids, problems);
        }
    }
}
