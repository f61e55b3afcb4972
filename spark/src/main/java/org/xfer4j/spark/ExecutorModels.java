package org.xfer4j.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.spark.SparkFiles;
import org.xfer4j.api.Device;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureExtractor;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;
import org.xfer4j.runtime.onnx.model.OnnxFileSource;

/**
 * The models open in this executor JVM, shared by every task and partition it runs: opening an ONNX Runtime session
 * costs far more than a small partition's work, so each (model content hash, layers, preprocessing, settings) is
 * opened once, on first use, and kept for the life of the JVM. Tasks asking at the same time wait for one opening.
 */
final class ExecutorModels {

    private static final Map<String, Object> OPEN = new ConcurrentHashMap<>();
    private static final AtomicInteger OPENINGS = new AtomicInteger();
    private static final AtomicLong OPENING_NANOS = new AtomicLong();

    private ExecutorModels() {
    }

    /** The extractor for {@code model} with {@code settings}, opened on first use from the shipped files. */
    static FeatureExtractor extractor(ShippedModel model, ExtractionSettings settings) {
        String key = "extractor " + model.sha256() + " " + model.layers() + " " + new java.util.TreeMap<>(
                model.declaration()) + " " + settings;
        return (FeatureExtractor) open(key, () -> openExtractor(model, settings));
    }

    /** Whatever {@code open} makes, made once per JVM under {@code key}. */
    static Object open(String key, Supplier<Object> open) {
        return OPEN.computeIfAbsent(key, k -> {
            long start = System.nanoTime();
            Object made = Chunks.onBigStack(open);
            OPENING_NANOS.addAndGet(System.nanoTime() - start);
            OPENINGS.incrementAndGet();
            return made;
        });
    }

    /** How many models this JVM has opened, and the milliseconds spent opening them (session start, model load). */
    static Openings openings() {
        return new Openings(OPENINGS.get(), OPENING_NANOS.get() / 1e6);
    }

    /** Model openings in this JVM so far. */
    record Openings(int count, double millis) {
    }

    /** The context executors run models with: CPU, {@code threads} ONNX Runtime threads, the default cache. */
    static ProviderContext context(int threads) {
        ProviderContext d = ProviderContext.defaults();
        return new ProviderContext(d.cacheDir(), Device.CPU, threads, d.seed(), Progress.NONE);
    }

    /**
     * Extraction options on an executor: {@code settings.batchSize()} per batch, and one thread preparing the next
     * batch while the network runs (for a graph run one example at a time, it more than doubles the rows per second
     * of one core: bench/README.md, "Spark").
     */
    static ExtractionOptions options(ExtractionSettings settings) {
        return new ExtractionOptions(settings.batchSize(), 1);
    }

    /** The local copy of a shipped file. */
    static Path shipped(String name) {
        return Path.of(SparkFiles.get(name));
    }

    private static FeatureExtractor openExtractor(ShippedModel shipped, ExtractionSettings settings) {
        ProviderContext context = context(settings.threads());
        Map<String, String> declaration = new LinkedHashMap<>(shipped.declaration());
        if (shipped.tokenizerFile() != null) {
            declaration.put("tokenizer", shipped(shipped.tokenizerFile()).toString());
        }
        Path onnx = shipped(shipped.onnxFile());
        SourceModel model = new OnnxFileSource().open(onnx.toString(), declaration, context);
        if (!model.sha256().equalsIgnoreCase(shipped.sha256())) {
            model.close();
            throw new InvalidInputException("the model file shipped to this executor (" + onnx + ") has sha256 "
                    + model.sha256() + ", but the driver's " + shipped.name() + " has " + shipped.sha256());
        }
        if (!model.preprocessor().describe().equals(shipped.prepared())) {
            Map<String, String> here = model.preprocessor().describe();
            model.close();
            throw new InvalidInputException("model " + shipped.name() + " would prepare samples differently on this "
                    + "executor (" + here + ") than on the driver (" + shipped.prepared() + ")");
        }
        return new OnnxFeatureExtractor(model, options(settings), context);
    }
}
