package org.xfer4j.spark;

import java.nio.file.Path;
import java.util.List;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureExtractor;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.FeatureRepurposedModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;

/**
 * A saved artifact loaded once in an executor JVM: a feature model predicts through its own extractor (not the
 * host's on-disk feature cache, which per-chunk datasets would only fill), a graph model through its graph.
 */
record LoadedArtifact(Xfer xfer, RepurposedModel model, FeatureExtractor extractor) {

    /**
     * Loads {@code file} with {@code threads} ONNX Runtime threads; the source model it names is opened from this
     * machine's Xfer4j cache and never fetched (an artifact is untrusted input, as in {@link Xfer#load}).
     */
    static LoadedArtifact load(Path file, ExtractionSettings settings) {
        Xfer xfer = Xfer.builder().optThreads(settings.threads()).build();
        try {
            RepurposedModel model = xfer.load(file);
            FeatureExtractor extractor = model instanceof FeatureRepurposedModel f
                    ? new OnnxFeatureExtractor(f.sourceModel(), ExecutorModels.options(settings),
                    ExecutorModels.context(settings.threads())) : null;
            return new LoadedArtifact(xfer, model, extractor);
        } catch (RuntimeException e) {
            xfer.close();
            throw e;
        }
    }

    /** The class names, in probability column order. */
    List<String> classes() {
        return model.classes();
    }

    /** The probabilities for {@code data}. */
    Predictions predict(Dataset data) {
        if (model instanceof FeatureRepurposedModel f) {
            return f.classifier().predict(extractor.extract(data, f.layers(), Progress.NONE));
        }
        return model.predict(data, Progress.NONE);
    }
}
