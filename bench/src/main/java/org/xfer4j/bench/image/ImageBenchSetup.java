package org.xfer4j.bench.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xfer4j.api.Device;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;

/** What both image benchmarks share: the context, the machine's peak FLOP/s and a dataset of two in sequence. */
final class ImageBenchSetup {

    private ImageBenchSetup() {
    }

    /** The default cache, the CPU, {@code threads} intra-op threads. */
    static ProviderContext context(int threads) {
        ProviderContext d = ProviderContext.defaults();
        return new ProviderContext(d.cacheDir(), Device.CPU, threads, 42, Progress.NONE);
    }

    /**
     * Theoretical float32 peak of {@code cores} cores: clock (from /proc/cpuinfo) times FLOPs per cycle per core,
     * 64 with AVX-512 (two 16-wide FMA units), 32 with AVX2 and FMA, else 8.
     */
    static double peakFlops(int cores) throws IOException {
        List<String> info = Files.readAllLines(Path.of("/proc/cpuinfo"));
        double mhz = info.stream().filter(l -> l.startsWith("cpu MHz")).mapToDouble(l -> Double.parseDouble(
                l.substring(l.indexOf(':') + 1).trim())).max().orElseThrow();
        String flags = info.stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
        int perCycle = flags.contains(" avx512f") ? 64 : flags.contains(" avx2") && flags.contains(" fma") ? 32 : 8;
        return cores * mhz * 1e6 * perCycle;
    }

    /** {@code first} followed by {@code second} (same classes), read on demand. */
    static Dataset concat(Dataset first, Dataset second) {
        return new Dataset() {
            @Override
            public String name() {
                return first.name() + "+" + second.name();
            }

            @Override
            public int size() {
                return first.size() + second.size();
            }

            @Override
            public List<String> classes() {
                return first.classes();
            }

            @Override
            public int label(int i) {
                return i < first.size() ? first.label(i) : second.label(i - first.size());
            }

            @Override
            public Sample sample(int i) {
                return i < first.size() ? first.sample(i) : second.sample(i - first.size());
            }
        };
    }
}
