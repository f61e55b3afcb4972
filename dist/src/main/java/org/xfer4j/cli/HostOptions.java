package org.xfer4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.xfer4j.api.Device;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.registry.Registry;
import org.xfer4j.runtime.onnx.OrtRuntime;
import picocli.CommandLine.Option;

/** Options every command shares: cache, device, threads, seed, plugins folder; defaults from conf/xfer4j.properties. */
final class HostOptions {

    @Option(names = "--cache", description = "Cache folder for models, packages and features (default ~/.cache/xfer4j).")
    Path cache;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default from conf, else cpu).")
    String device;

    @Option(names = "--threads", description = "ONNX Runtime intra-op threads, 0 = runtime default.")
    Integer threads;

    @Option(names = "--seed", description = "Random seed (default 42).")
    Long seed;

    @Option(names = "--plugins", description = "Plugins folder (default <xfer4j home>/plugins).")
    Path plugins;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    /**
     * The runtime these options describe, reporting progress to {@code progress}; warns on standard error about
     * plugins it skipped, or providers of them it refused, as the command comes to need them (a plugin whose kind
     * of provider the command never asks for is never run).
     */
    Xfer open(Progress progress) {
        Xfer xfer = openQuietly(progress);
        xfer.registry().warnTo(w -> System.err.println("warning: plugin " + w));
        return xfer;
    }

    /**
     * The runtime these options describe, without the plugin warnings (for commands that list the plugins). The
     * device and an explicit plugins folder are checked first, so a missing GPU or a mistyped folder fails the
     * command even when it would open no session or load no plugin.
     *
     * @throws InvalidOptionException when --plugins names a file or nothing
     * @throws org.xfer4j.runtime.onnx.DeviceUnavailableException when --device asks for CUDA this machine lacks
     */
    Xfer openQuietly(Progress progress) {
        Properties conf = defaults();
        Device d = Device.parse(device != null ? device : conf.getProperty("device", "cpu"));
        OrtRuntime.requireDevice(d);
        if (plugins != null && !Files.isDirectory(plugins)) {
            throw new InvalidOptionException("--plugins " + plugins + (Files.exists(plugins)
                    ? " is a file; name the folder that holds plugin jars" : " does not exist"));
        }
        Xfer.Builder b = Xfer.builder().optProgress(progress)
                .optDevice(d)
                .optThreads(threads != null ? threads : Integer.parseInt(conf.getProperty("threads", "0")))
                .optSeed(seed())
                .optPluginTimeout(pluginTimeout(conf));
        Path cacheDir = cache != null ? cache : confPath(conf.getProperty("cache"));
        if (cacheDir != null) {
            b.optCacheDir(cacheDir);
        }
        Path pluginsDir = plugins != null ? plugins : home() == null ? null : home().resolve("plugins");
        if (pluginsDir != null) {
            b.optPluginsDir(pluginsDir);
        }
        return b.build();
    }

    /** -Dxfer4j.plugins.timeout, else conf's plugins.timeout (seconds), else the registry's default (10 s). */
    private static Duration pluginTimeout(Properties conf) {
        String v = conf.getProperty("plugins.timeout");
        if (v == null || v.isBlank() || System.getProperty("xfer4j.plugins.timeout") != null) {
            return Registry.DEFAULT_PLUGIN_TIMEOUT;
        }
        try {
            double s = Double.parseDouble(v.trim());
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis((long) Math.ceil(s * 1000));
        } catch (NumberFormatException e) {
            throw new InvalidOptionException("conf/xfer4j.properties: plugins.timeout=" + v
                    + " is not a positive number of seconds");
        }
    }

    long seed() {
        return seed != null ? seed : Long.parseLong(defaults().getProperty("seed", "42"));
    }

    private static Path home() {
        String h = System.getProperty("xfer4j.home");
        return h == null ? null : Path.of(h);
    }

    private static Path confPath(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Path.of(value.startsWith("~/") ? System.getProperty("user.home") + value.substring(1) : value);
    }

    private static Properties defaults() {
        Properties p = new Properties();
        Path home = home();
        if (home != null && Files.isRegularFile(home.resolve("conf/xfer4j.properties"))) {
            try (InputStream in = Files.newInputStream(home.resolve("conf/xfer4j.properties"))) {
                p.load(in);
            } catch (IOException e) {
                throw new InvalidOptionException("cannot read " + home.resolve("conf/xfer4j.properties") + ": " + e);
            }
        }
        return p;
    }
}
