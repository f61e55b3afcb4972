package org.xfer4j.repurposers.metamodel.internal;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.api.repurpose.Predictions;

/** A fitted classifier together with the options its method chose for it (its payload is the classifier's own). */
final class ChosenOptionsClassifier implements FeatureClassifier {

    private final FeatureClassifier inner;
    private final Map<String, String> chosen;

    ChosenOptionsClassifier(FeatureClassifier inner, Map<String, String> chosen) {
        this.inner = inner;
        this.chosen = Map.copyOf(chosen);
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
        return inner.predict(features);
    }

    @Override
    public Map<String, String> chosenOptions() {
        return chosen;
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
