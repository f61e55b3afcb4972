package org.xfer4j.bench.meta;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.ProviderContext;

/** The arguments the meta-learning benches share: key=value options after the positional ones, and threads. */
final class BenchArgs {

    private BenchArgs() {
    }

    /** The key=value arguments from index {@code from} on, in order. */
    static Map<String, String> options(String[] args, int from) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            options.put(kv[0], kv[1]);
        }
        return options;
    }

    /** The default context on {@code threads} intra-op threads (removed from {@code options}, else the fallback). */
    static ProviderContext context(Map<String, String> options, int fallbackThreads) {
        int threads = Integer.parseInt(options.getOrDefault("threads", Integer.toString(fallbackThreads)));
        options.remove("threads");
        ProviderContext d = ProviderContext.defaults().withSeed(1);
        return new ProviderContext(d.cacheDir(), d.device(), threads, 1, d.progress());
    }
}
