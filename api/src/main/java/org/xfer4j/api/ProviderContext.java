package org.xfer4j.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the host hands a provider for one piece of work: where to cache downloads, the device and thread count,
 * the random seed and where to report progress.
 */
public record ProviderContext(Path cacheDir, Device device, int threads, long seed, Progress progress) {

    public ProviderContext {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(progress, "progress");
        if (threads < 0) {
            throw new InvalidOptionException("threads must be >= 0 (0 = runtime default), got " + threads);
        }
    }

    /** The default context: ~/.cache/xfer4j (or -Dxfer4j.cache), CPU, runtime-chosen threads, seed 42, no progress. */
    public static ProviderContext defaults() {
        String dir = System.getProperty("xfer4j.cache");
        Path cache = dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "xfer4j");
        return new ProviderContext(cache, Device.CPU, 0, 42L, Progress.NONE);
    }

    /** A copy with another seed. */
    public ProviderContext withSeed(long newSeed) {
        return new ProviderContext(cacheDir, device, threads, newSeed, progress);
    }

    /** A copy reporting to another progress listener. */
    public ProviderContext withProgress(Progress newProgress) {
        return new ProviderContext(cacheDir, device, threads, seed, newProgress);
    }

    /** A copy running on another device. */
    public ProviderContext withDevice(Device newDevice) {
        return new ProviderContext(cacheDir, newDevice, threads, seed, progress);
    }
}
