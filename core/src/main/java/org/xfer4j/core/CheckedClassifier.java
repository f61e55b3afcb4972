package org.xfer4j.core;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.api.repurpose.Predictions;

/**
 * A provider's classifier behind the checks the SPI promises it: features of the trained width, all finite; and
 * predictions with one row per example.
 */
final class CheckedClassifier implements FeatureClassifier {

    private final String method;
    private final FeatureClassifier inner;

    private CheckedClassifier(String method, FeatureClassifier inner) {
        this.method = method;
        this.inner = inner;
    }

    static CheckedClassifier wrap(String method, FeatureClassifier inner) {
        return inner instanceof CheckedClassifier c ? c : new CheckedClassifier(method, inner);
    }

    @Override
    public List<String> classes() {
        return inner.classes();
    }

    @Override
    public int featureCount() {
        return inner.featureCount();
    }

    @Override
    public Predictions predict(FeatureMatrix features) {
        if (features.columns() != inner.featureCount()) {
            throw new InvalidInputException("the " + method + " classifier was trained on " + inner.featureCount()
                    + " features but is given " + features.columns() + " (layers " + features.blocks() + ")");
        }
        features.requireFinite("features to predict");
        Predictions p = inner.predict(features);
        if (p.size() != features.rows()) {
            throw new InvalidInputException("the " + method + " classifier returned " + p.size() + " predictions for "
                    + features.rows() + " rows");
        }
        return p;
    }

    @Override
    public Map<String, String> chosenOptions() {
        return inner.chosenOptions();
    }

    @Override
    public void save(PayloadWriter payload) {
        inner.save(payload);
    }

    @Override
    public void exportOnnx(OnnxHead head) {
        inner.exportOnnx(head);
    }
}
