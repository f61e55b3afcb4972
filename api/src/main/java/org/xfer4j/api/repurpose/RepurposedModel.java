package org.xfer4j.api.repurpose;

import java.nio.file.Path;
import java.util.List;
import org.xfer4j.api.Options;
import org.xfer4j.api.Progress;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;

/**
 * A target model: predicts labels and probabilities for new examples and saves itself.
 * <p>Thread safety: {@link #predict}, {@link #save} and the accessors may be called from many threads at once, from
 * the first call on (state made on first use, such as a runtime session, is made once), and give each thread what a
 * single thread would get; {@link #close()} must wait until those calls have returned.
 */
public interface RepurposedModel extends AutoCloseable {

    /** The id of the provider that made it (and loads it back). */
    String providerId();

    /** The options it was made with. */
    Options options();

    /** Class names, in the order of probability columns. */
    List<String> classes();

    /** Class probabilities for every example of {@code data} (labels, if any, are ignored). */
    Predictions predict(Dataset data, Progress progress);

    /** Writes the provider's payload (plain arrays or ONNX, never Java serialisation). */
    void save(PayloadWriter payload);

    /**
     * Writes the model as one ONNX graph (source layers and head) that any ONNX runtime serves.
     *
     * @throws XferException where this model cannot be expressed as one graph
     */
    default void exportOnnx(Path target) {
        throw new XferException(providerId() + " models cannot be exported as one ONNX graph");
    }

    /**
     * Mean training loss per epoch, oldest first, for models trained by gradient descent; empty for others and for
     * models loaded from an artifact (since SPI 1.1).
     */
    default List<Double> trainingLoss() {
        return List.of();
    }

    @Override
    void close();
}
