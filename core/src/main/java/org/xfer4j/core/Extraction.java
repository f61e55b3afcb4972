package org.xfer4j.core;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureExtractor;
import org.xfer4j.api.feature.FeatureExtractorProvider;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.core.artifact.DatasetDigest;
import org.xfer4j.core.features.FeatureCache;
import org.xfer4j.core.registry.Registry;

/**
 * Extracts features through the cache: one open extractor per source model (opening a session is costly), reused
 * until {@link #close()}.
 */
final class Extraction implements AutoCloseable {

    private final Registry registry;
    private final ProviderContext context;
    private final FeatureCache cache;
    private final Map<SourceModel, FeatureExtractor> extractors = new IdentityHashMap<>();
    private boolean closed;

    Extraction(Registry registry, ProviderContext context, FeatureCache cache) {
        this.registry = registry;
        this.context = context;
        this.cache = cache;
    }

    /** The features of {@code layers} of {@code model} for {@code data}, from the cache when they are there. */
    FeatureMatrix extract(SourceModel model, Dataset data, List<String> layers, Progress progress) {
        return extract(model, data, layers, DatasetDigest.of(data), progress);
    }

    /** As above, for a dataset whose content digest the caller already has. */
    FeatureMatrix extract(SourceModel model, Dataset data, List<String> layers, String digest, Progress progress) {
        checkLayers(model, layers);
        ExtractionOptions options = ExtractionOptions.DEFAULT;
        FeatureCache.Key key = key(model, layers, options, digest, registry.featureExtractor(model));
        FeatureMatrix cached = cache.get(key).filter(f -> f.rows() == data.size()).orElse(null);
        if (cached != null) {
            return cached;
        }
        FeatureMatrix f = extractor(model, options).extract(data, layers, progress);
        if (f.rows() != data.size()) {
            throw new XferException("the feature extractor for " + model.name() + " returned " + f.rows()
                    + " rows for the " + data.size() + " examples of " + data.name());
        }
        cache.put(key, f);
        return f;
    }

    /** Writes {@code model}'s layers and {@code classifier} as one ONNX graph, through the model's extractor. */
    void exportOnnx(SourceModel model, List<String> layers, FeatureClassifier classifier, Map<String, String> metadata,
            Path target) {
        checkLayers(model, layers);
        extractor(model, ExtractionOptions.DEFAULT).exportOnnx(layers, classifier, metadata, target);
    }

    /**
     * Everything that determines the features: the model's bytes, the data's content, the layers in order, how
     * samples are prepared and activations pooled, which extractor (and version) runs them, and with what options.
     */
    static FeatureCache.Key key(SourceModel model, List<String> layers, ExtractionOptions options, String digest,
                                FeatureExtractorProvider extractor) {
        SortedMap<String, String> parts = new TreeMap<>();
        parts.put("model.sha256", model.sha256());
        parts.put("data.digest", digest);
        parts.put("layers", Integer.toString(layers.size()));
        for (int i = 0; i < layers.size(); i++) {
            parts.put("layer." + i, layers.get(i));
        }
        model.preprocessor().describe().forEach((k, v) -> parts.put("preprocess." + k, v));
        Pooling p = model.pooling();
        parts.put("pooling", p.sequence() + "," + p.spatial() + "," + p.maskInput());
        parts.put("extractor", extractor.id() + " " + extractor.version() + " ("
                + extractor.getClass().getName() + ")");
        options.toProperties().forEach((k, v) -> parts.put("extraction." + k, v));
        // features cached before int8 graphs ran one example at a time depended on their batch: not to be served
        parts.put("extraction.revision", "2");
        return new FeatureCache.Key(parts);
    }

    /** Fails early, naming similar layers, when {@code model} lacks one of {@code layers}. */
    static void checkLayers(SourceModel model, List<String> layers) {
        if (layers.isEmpty()) {
            throw new InvalidOptionException("name at least one layer of " + model.name() + " to take features from");
        }
        layers.forEach(model::layer);
    }

    private synchronized FeatureExtractor extractor(SourceModel model, ExtractionOptions options) {
        if (closed) {
            throw new IllegalStateException("this Xfer is closed; models it made or loaded cannot extract features");
        }
        return extractors.computeIfAbsent(model,
                m -> registry.featureExtractor(m).open(m, options, context));
    }

    @Override
    public synchronized void close() {
        closed = true;
        extractors.values().forEach(FeatureExtractor::close);
        extractors.clear();
    }
}
