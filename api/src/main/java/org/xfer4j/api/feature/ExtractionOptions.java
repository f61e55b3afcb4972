package org.xfer4j.api.feature;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;

/**
 * How feature extraction runs: examples per batch, and how many threads read and prepare (decode, resize,
 * tokenise) later batches while the network runs the current one (0 prepares each batch just before it runs).
 */
public record ExtractionOptions(int batchSize, int prefetchThreads) implements Options {

    /** 32 examples per batch, one thread preparing the next batch. */
    public static final ExtractionOptions DEFAULT = new ExtractionOptions(32);

    public ExtractionOptions {
        InvalidOptionException.require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
        InvalidOptionException.require(prefetchThreads >= 0, "prefetchThreads must be >= 0, got " + prefetchThreads);
    }

    /** {@code batchSize} examples per batch, one thread preparing the next batch. */
    public ExtractionOptions(int batchSize) {
        this(batchSize, 1);
    }

    /** Parses {@code batchSize=N} and {@code prefetchThreads=N}. */
    public static ExtractionOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("feature extraction", properties);
        ExtractionOptions o = new ExtractionOptions(r.getInt("batchSize", DEFAULT.batchSize),
                r.getInt("prefetchThreads", DEFAULT.prefetchThreads));
        r.finish();
        return o;
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("batchSize", Integer.toString(batchSize));
        m.put("prefetchThreads", Integer.toString(prefetchThreads));
        return m;
    }
}
