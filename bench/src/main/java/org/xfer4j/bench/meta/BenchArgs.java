package org.xfer4j.bench.meta;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.meta.sine.SineWaves;

/** The arguments the meta-learning benches share: key=value options after the positional ones, and threads. */
public final class BenchArgs {

    private BenchArgs() {
    }

    /** The key=value arguments from index {@code from} on, in order. */
    public static Map<String, String> options(String[] args, int from) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            options.put(kv[0], kv[1]);
        }
        return options;
    }

    /** The default context on {@code threads} intra-op threads (removed from {@code options}, else the fallback). */
    public static ProviderContext context(Map<String, String> options, int fallbackThreads) {
        int threads = Integer.parseInt(options.getOrDefault("threads", Integer.toString(fallbackThreads)));
        options.remove("threads");
        ProviderContext d = ProviderContext.defaults().withSeed(1);
        return new ProviderContext(d.cacheDir(), d.device(), threads, 1, d.progress());
    }

    /**
     * The options for {@code method}: those without a method prefix, then those written {@code method.key=value}
     * (e.g. {@code reptile.innerBatch=5}) without it; other methods' prefixed ones are left out.
     */
    static Map<String, String> forMethod(Map<String, String> options, String method) {
        Map<String, String> mine = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (!k.contains(".")) {
                mine.put(k, v);
            }
        });
        options.forEach((k, v) -> {
            if (k.startsWith(method + ".")) {
                mine.put(k.substring(method.length() + 1), v);
            }
        });
        return mine;
    }

    /**
     * The meta-training sine tasks: {@code support} points to adapt on (removed from {@code options}; default 5, the
     * evaluation's shot count; Nichol et al. trained on 50 in mini-batches, see the learners' innerBatch) and 10
     * query points.
     */
    static SineWaves sineTasks(Map<String, String> options) {
        String support = options.remove("support");
        return SineWaves.of(support == null ? 5 : Integer.parseInt(support), 10);
    }
}
