package org.xfer4j.core.registry;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.xfer4j.api.Provider;

/**
 * Turns every jar or folder (of jars, or an exploded module) under a plugins directory into its own child
 * {@link ModuleLayer} of the host's layer, with one class loader per plugin; plain jars become automatic modules.
 * A plugin that cannot be read or resolved, or that bundles a module of the host, comes back failed with the reason.
 * When the host runs on the class path (its api is not a named module), each plugin gets a child class loader instead.
 */
public final class PluginLoader {

    /** The host module that plugins must share, never bring along. */
    private static final String API_MODULE = "org.xfer4j.api";
    private static final String HOST_PREFIX = "org.xfer4j.";

    private final ModuleLayer parent;
    private final ClassLoader parentLoader;

    /**
     * A loader whose plugins are child layers of {@code parent}, with {@code parentLoader} as their loaders' parent;
     * with a null {@code parent}, each plugin gets a plain child class loader of {@code parentLoader} instead (and
     * only plain jars' META-INF/services declarations count).
     */
    public PluginLoader(ModuleLayer parent, ClassLoader parentLoader) {
        this.parent = parent;
        this.parentLoader = parentLoader;
    }

    /** A loader for this host: plugins become children of the api's layer, or of its class loader on the class path. */
    public static PluginLoader forHost() {
        return new PluginLoader(Provider.class.getModule().getLayer(), Provider.class.getClassLoader());
    }

    /**
     * Every jar and folder directly under {@code directory}, sorted by name; other files and hidden entries (".*")
     * are ignored, a missing directory has no plugins, and one that cannot be listed comes back as one failed plugin.
     */
    public List<Plugin> load(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> candidates;
        try (Stream<Path> s = Files.list(directory)) {
            candidates = s.filter(PluginLoader::isCandidate).sorted().toList();
        } catch (IOException e) {
            return List.of(Plugin.failed(directory, "cannot list the plugins directory: " + Causes.describe(e)));
        }
        List<Plugin> plugins = new ArrayList<>();
        for (Path p : candidates) {
            plugins.add(parent != null ? inLayer(p) : onClassLoader(p));
        }
        return plugins;
    }

    private static boolean isCandidate(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && (Files.isDirectory(p) || name.endsWith(".jar"));
    }

    private Plugin inLayer(Path path) {
        try {
            ModuleFinder finder = ModuleFinder.of(path);
            Set<String> roots = new TreeSet<>();
            for (ModuleReference ref : finder.findAll()) {
                String name = ref.descriptor().name();
                String bundled = bundledHostModule(ref);
                if (bundled != null) {
                    return Plugin.failed(path, "it bundles the host module " + bundled
                            + "; plugins must use the host's copy (declare it provided, not packaged)");
                }
                roots.add(name);
            }
            if (roots.isEmpty()) {
                return Plugin.failed(path, "it holds no jar or module");
            }
            Configuration cf = parent.configuration().resolve(finder, ModuleFinder.of(), roots);
            ModuleLayer layer = parent.defineModulesWithOneLoader(cf, parentLoader);
            return Plugin.inLayer(path, layer, layer.findLoader(roots.iterator().next()));
        } catch (FindException | ResolutionException | LayerInstantiationException | SecurityException e) {
            return Plugin.failed(path, "cannot load it: " + Causes.describe(e));
        }
    }

    /** The host module {@code ref} is, or whose packages it carries; null when it is none. */
    private String bundledHostModule(ModuleReference ref) {
        String name = ref.descriptor().name();
        if (name.equals(API_MODULE)) {
            return name;
        }
        for (Module m : parent.modules()) {
            if (!m.getName().startsWith(HOST_PREFIX)) {
                continue;
            }
            if (m.getName().equals(name)) {
                return name;
            }
            Set<String> shared = new HashSet<>(ref.descriptor().packages());
            shared.retainAll(m.getPackages());
            if (!shared.isEmpty()) {
                return m.getName() + " (packages " + new TreeSet<>(shared) + ")";
            }
        }
        return null;
    }

    private Plugin onClassLoader(Path path) {
        try (Stream<Path> jars = Files.isDirectory(path) ? Files.list(path) : Stream.of(path)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : jars.filter(j -> j.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            if (Files.isDirectory(path) && urls.isEmpty()) {
                urls.add(path.toUri().toURL());
            }
            return Plugin.onClassLoader(path, new URLClassLoader(path.getFileName().toString(),
                    urls.toArray(URL[]::new), parentLoader));
        } catch (IOException e) {
            return Plugin.failed(path, "cannot read it: " + Causes.describe(e));
        }
    }
}
