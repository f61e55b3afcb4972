package org.xfer4j.api.feature;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.Progress;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.FeatureClassifier;

/**
 * Turns a dataset into a feature matrix from named layers of a frozen source model, batch by batch.
 * <p>Thread safety: {@link #extract} may be called from many threads at once, from the first call on, and gives each
 * the features a single thread gets; {@link #close()} must wait until those calls have returned.
 */
public interface FeatureExtractor extends AutoCloseable {

    /** The model it runs. */
    SourceModel model();

    /**
     * One row per example: the pooled activations of each layer in {@code layers}, concatenated in that order.
     *
     * @throws SourceModel.UnknownLayerException for a layer the model does not have
     */
    FeatureMatrix extract(Dataset data, List<String> layers, Progress progress);

    /**
     * Writes one ONNX graph to {@code target}: from the model's own inputs to the pooled features of {@code layers},
     * concatenated as {@link #extract} does, then {@code classifier}'s head; its outputs are {@code probabilities}
     * (float32 [N, classes]) and {@code label} (the class name, string [N]); {@code metadata} goes into the model's
     * metadata properties (since SPI 1.2).
     *
     * @throws XferException where this extractor (the default) or the classifier cannot be written as ONNX
     */
    default void exportOnnx(List<String> layers, FeatureClassifier classifier, Map<String, String> metadata,
            Path target) {
        throw new XferException(getClass().getSimpleName() + " cannot export its model as one ONNX graph");
    }

    @Override
    void close();
}
