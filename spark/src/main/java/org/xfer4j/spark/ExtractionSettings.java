package org.xfer4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;

/**
 * How executors run a model: examples per ONNX Runtime batch, ONNX Runtime threads per executor JVM (0: the runtime's
 * choice), and rows handed to the extractor at once (a partition is read in such chunks, so it never sits whole in
 * memory).
 */
public record ExtractionSettings(int batchSize, int threads, int rowsPerCall) implements Options, Serializable {

    /** 32 per batch, the runtime's thread count, 256 rows per call. */
    public static final ExtractionSettings DEFAULT = new ExtractionSettings(32, 0, 256);

    public ExtractionSettings {
        InvalidOptionException.require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
        InvalidOptionException.require(threads >= 0, "threads must be >= 0 (0: the runtime's choice), got "
                + threads);
        InvalidOptionException.require(rowsPerCall >= 1, "rowsPerCall must be >= 1, got " + rowsPerCall);
    }

    /** Parses {@code batchSize}, {@code threads} and {@code rowsPerCall}; absent keys keep their defaults. */
    public static ExtractionSettings parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("Spark extraction", properties);
        ExtractionSettings s = new ExtractionSettings(r.getInt("batchSize", DEFAULT.batchSize),
                r.getInt("threads", DEFAULT.threads), r.getInt("rowsPerCall", DEFAULT.rowsPerCall));
        r.finish();
        return s;
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("batchSize", Integer.toString(batchSize));
        m.put("threads", Integer.toString(threads));
        m.put("rowsPerCall", Integer.toString(rowsPerCall));
        return m;
    }
}
