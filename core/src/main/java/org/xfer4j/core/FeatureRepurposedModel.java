package org.xfer4j.core;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Options;
import org.xfer4j.api.XferException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.artifact.Provenance;
import org.xfer4j.core.calibration.Calibration;
import org.xfer4j.core.tuning.TuningResult;

/**
 * A target model made of the frozen source model and a classifier over features of its named layers: predicting
 * extracts the same layers (through the cache), then classifies. It remembers the hyper-parameter search that chose
 * its options and the calibration applied to its probabilities, when there were any.
 */
public final class FeatureRepurposedModel implements RepurposedModel {

    private final String providerId;
    private final Options options;
    private final FeatureClassifier classifier;
    private final SourceModel source;
    private final List<String> layers;
    private final Provenance provenance;
    private final Extraction extraction;
    private final boolean ownsSource;
    private final TuningResult tuning;
    private final Calibration calibration;

    FeatureRepurposedModel(String providerId, Options options, FeatureClassifier classifier, SourceModel source,
                           List<String> layers, Provenance provenance, Extraction extraction, boolean ownsSource,
                           TuningResult tuning, Calibration calibration) {
        this.providerId = providerId;
        this.options = options;
        this.classifier = CheckedClassifier.wrap(providerId, classifier);
        this.source = source;
        this.layers = List.copyOf(layers);
        this.provenance = provenance;
        this.extraction = extraction;
        this.ownsSource = ownsSource;
        this.tuning = tuning;
        this.calibration = calibration;
    }

    /** The search that chose the options, when they were searched. */
    public Optional<TuningResult> tuning() {
        return Optional.ofNullable(tuning);
    }

    /** The calibration applied to every prediction, when one was fitted. */
    public Optional<Calibration> calibration() {
        return Optional.ofNullable(calibration);
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public List<String> classes() {
        return classifier.classes();
    }

    /** The trained classifier over features. */
    public FeatureClassifier classifier() {
        return classifier;
    }

    /** The source model the features come from. */
    public SourceModel sourceModel() {
        return source;
    }

    /** The layers whose features the classifier reads, in column order. */
    public List<String> layers() {
        return layers;
    }

    /** Where the model came from. */
    public Provenance provenance() {
        return provenance;
    }

    /**
     * Extracts the layers for {@code data} and classifies them.
     *
     * @throws org.xfer4j.api.InvalidInputException naming both widths when the features are not as wide as the
     *         classifier was trained on
     */
    @Override
    public Predictions predict(Dataset data, Progress progress) {
        return classifier.predict(extraction.extract(source, data, layers, progress));
    }

    @Override
    public void save(PayloadWriter payload) {
        classifier.save(payload);
    }

    /**
     * Writes the source layers, their pooling and the classifier (standardisation, head, calibration) as one ONNX
     * graph with the source model's inputs and the outputs {@code probabilities} and {@code label}.
     *
     * @throws org.xfer4j.api.XferException naming the method when its classifier cannot be written as ONNX
     */
    @Override
    public void exportOnnx(Path target) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("xfer4j.method", providerId);
        metadata.put("xfer4j.options", options.toProperties().toString());
        metadata.put("xfer4j.source", source.reference() + " sha256 " + source.sha256());
        try {
            extraction.exportOnnx(source, layers, classifier, metadata, target);
        } catch (InvalidInputException e) {
            throw e;
        } catch (XferException e) {
            throw new XferException(providerId + " models cannot be exported as one ONNX graph: " + e.getMessage(), e);
        }
    }

    /** Closes the source model when this model opened it (on load); a caller's own model stays open. */
    @Override
    public void close() {
        if (ownsSource) {
            source.close();
        }
    }
}
