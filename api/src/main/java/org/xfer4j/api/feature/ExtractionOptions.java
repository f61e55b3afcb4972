package org.xfer4j.api.feature;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;

/** How feature extraction runs: examples per batch. */
public record ExtractionOptions(int batchSize) implements Options {

    /** 32 examples per batch. */
    public static final ExtractionOptions DEFAULT = new ExtractionOptions(32);

    public ExtractionOptions {
        InvalidOptionException.require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
    }

    /** Parses {@code batchSize=N}. */
    public static ExtractionOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("feature extraction", properties);
        ExtractionOptions o = new ExtractionOptions(r.getInt("batchSize", DEFAULT.batchSize));
        r.finish();
        return o;
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("batchSize", Integer.toString(batchSize));
        return m;
    }
}
