package org.xfer4j.api.repurpose;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.XferException;
import org.xfer4j.api.feature.FeatureMatrix;

/**
 * A trained meta-model over feature vectors. Thread safety: immutable once fitted or loaded, so {@link #predict} may
 * be called from many threads at once, with the results a single thread gets.
 */
public interface FeatureClassifier {

    /** Class names, in the order of probability columns. */
    List<String> classes();

    /** The feature width it was trained on. */
    int featureCount();

    /**
     * Class probabilities for each row; the host has checked that the width equals {@link #featureCount()} and
     * that values are finite.
     */
    Predictions predict(FeatureMatrix features);

    /**
     * Options the method set itself while fitting, with the values it chose (e.g. {@code C} when its default is
     * {@code auto}, chosen by cross-validation), so the host can record and show them; empty when it chose none,
     * and for a loaded classifier (the host keeps them with the options). Since SPI 1.2.
     */
    default Map<String, String> chosenOptions() {
        return Map.of();
    }

    /** Writes everything {@link FeatureRepurposerProvider#load} needs to rebuild an identical classifier. */
    void save(PayloadWriter payload);

    /**
     * Writes what {@link #predict} computes as ONNX operators into {@code head}, ending with
     * {@link OnnxHead#probabilities}, so the model exports as one graph (since SPI 1.2).
     *
     * @throws XferException where this classifier cannot be written as ONNX operators (the default)
     */
    default void exportOnnx(OnnxHead head) {
        throw new XferException(getClass().getSimpleName() + " cannot be written as ONNX operators");
    }
}
