package org.xfer4j.core;

import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.Predictions;

/**
 * A provider's classifier behind the checks the SPI promises it: features of the trained width, all finite; and
 * predictions with one row per example.
 */
final class CheckedClassifier extends ForwardingClassifier {

    private final String method;

    private CheckedClassifier(String method, FeatureClassifier inner) {
        super(inner);
        this.method = method;
    }

    static CheckedClassifier wrap(String method, FeatureClassifier inner) {
        return inner instanceof CheckedClassifier c ? c : new CheckedClassifier(method, inner);
    }

    @Override
    public Predictions predict(FeatureMatrix features) {
        if (features.columns() != featureCount()) {
            throw new InvalidInputException("the " + method + " classifier was trained on " + featureCount()
                    + " features but is given " + features.columns() + " (layers " + features.blocks() + ")");
        }
        features.requireFinite("features to predict");
        Predictions p = super.predict(features);
        if (p.size() != features.rows()) {
            throw new InvalidInputException("the " + method + " classifier returned " + p.size() + " predictions for "
                    + features.rows() + " rows");
        }
        return p;
    }
}
