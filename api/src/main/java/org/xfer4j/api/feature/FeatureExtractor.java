package org.xfer4j.api.feature;

import java.util.List;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;

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

    @Override
    void close();
}
